package io.deepsentiment.hashtag.source;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HtmlTextTest {

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        // paragraphs are separated by an empty line, <br> ends a line
        "<p>one</p><p>two</p>|one\\n\\ntwo",
        "<p>one<br>two<br/>three</p>|one\\ntwo\\nthree",
        "<p>one<br><br>two</p>|one\\n\\ntwo",
        "<p>one<br><br><br><br>two</p>|one\\n\\ntwo",
        // entities decoded, once
        "<p>Tom &amp; Jerry &lt;3 &quot;hi&quot; &#39;x&#39; &#x1F600;</p>|Tom & Jerry <3 \"hi\" 'x' 😀",
        "<p>double &amp;amp; escaped</p>|double &amp; escaped",
        // emoji kept
        "<p>love it 😍🎉 👍🏽</p>|love it 😍🎉 👍🏽",
        // links keep their text, hidden parts of long URLs included
        "<p>see <a href=\"https://e.org/a\"><span class=\"invisible\">https://</span><span class=\"ellipsis\">e.org/very/lo</span><span class=\"invisible\">ng</span></a> now</p>|see https://e.org/very/long now",
        "<p><span class=\"h-card\"><a href=\"https://m.example/@bob\" class=\"u-url mention\">@<span>bob</span></a></span> hi</p>|@bob hi",
        "<p><a href=\"https://m.example/tags/java\" class=\"mention hashtag\" rel=\"tag\">#<span>java</span></a> rocks</p>|#java rocks",
        // white space of the markup collapsed
        "<p>  lots \\n of\\t space  </p>|lots of space",
        "a&nbsp;&nbsp;b|a b",
        // lists and quotes end lines
        "<ul><li>one</li><li>two</li></ul>|one\\ntwo",
        "<p>said</p><blockquote><p>quoted</p></blockquote>|said\\n\\nquoted",
        // nothing of scripts, styles or images
        "<p>safe<script>alert('x')</script><style>p{}</style><img src=\"https://e.org/t.png\" alt=\"alt\"></p>|safe",
        // plain text and broken markup
        "just text|just text",
        "<p>unclosed <b>bold|unclosed bold",
        "``|``",
    })
    void converts(String html, String expected) {
        // \\n and \\t stand for line breaks and tabs (a real one would end the CSV row)
        assertThat(HtmlText.toPlainText(html.replace("\\n", "\n").replace("\\t", "\t")))
                .isEqualTo(expected.replace("\\n", "\n"));
    }

    @Test
    void null_is_empty() {
        assertThat(HtmlText.toPlainText(null)).isEmpty();
    }

    @Test
    void unescapes_the_entities_of_plain_text() {
        assertThat(HtmlText.unescape("a &amp; b &lt;3 &gt; c <not a tag>")).isEqualTo("a & b <3 > c <not a tag>");
    }
}
