package dev.transship.restore;

/** A user name and a short-lived password for a container registry. Never printed, never stored. */
record RegistryLogin(String username, String password) {
  @Override
  public String toString() {
    return "RegistryLogin[" + username + ", <redacted>]";
  }
}
