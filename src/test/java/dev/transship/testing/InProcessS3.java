package dev.transship.testing;

import dev.transship.cli.CliSettings;
import dev.transship.store.StoreClients;
import java.net.URI;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * An S3 server (S3Proxy over memory) on 127.0.0.1 for a test class:
 * {@code @RegisterExtension static final InProcessS3 S3 = new InProcessS3();}, then
 * {@code Cli.run(S3.settings(), ...)} runs the in-process CLI against it.
 */
public final class InProcessS3 implements BeforeAllCallback, AfterAllCallback {
  public static final String ACCESS_KEY = "access";
  public static final String SECRET_KEY = "secret";
  private S3Proxy proxy;

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    proxy = S3Proxy.builder()
        .blobStore(new TransientNio2BlobStore())
        .endpoint(URI.create("http://127.0.0.1:0"))
        .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
        .build();
    proxy.start();
    while (!"STARTED".equals(proxy.getState())) {
      Thread.sleep(5);
    }
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    proxy.stop();
  }

  /** CLI settings whose s3:// addresses reach this server. */
  public CliSettings settings() {
    return new CliSettings(new StoreClients(this::client, () -> {
      throw new IllegalStateException("no GCS here");
    }));
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + proxy.getPort());
  }

  public S3Client client() {
    return S3Client.builder()
        .endpointOverride(endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
        .forcePathStyle(true)
        .build();
  }
}
