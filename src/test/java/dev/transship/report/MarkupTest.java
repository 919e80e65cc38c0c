package dev.transship.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class MarkupTest {
  @Test
  void escapeKeepsWhatXmlCarriesAndDropsWhatItCannot() {
    assertEquals("a&lt;b&gt;&amp;&quot;&#39;\tz", Markup.escape("a<b>&\"'\tz"));
    assertEquals("ok\uD83D\uDE80", Markup.escape("o\u0000k\uFFFE\uD83D\uDE80\uD800"), "NUL, U+FFFE and a lone surrogate go; a pair stays");
  }

  @Test
  void printableShowsControlCharactersInsteadOfSendingThem() {
    assertEquals("img:\\u001b]0;pwned\\u0007\\u001b[2J\\u000anext\\u0085", Markup.printable("img:\u001b]0;pwned\u0007\u001b[2J\nnext\u0085"));
    assertEquals("admin\\u202etxt.exe\\u2028", Markup.printable("admin\u202etxt.exe\u2028"), "bidi overrides and line separators too");
    String plain = "Deployment shop/web: café";
    assertSame(plain, Markup.printable(plain), "clean text is returned as is");
  }
}
