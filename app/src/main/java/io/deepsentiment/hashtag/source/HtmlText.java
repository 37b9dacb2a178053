package io.deepsentiment.hashtag.source;

import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.parser.Parser;
import org.jsoup.select.NodeVisitor;

/**
 * Plain text from the HTML of posts. Nothing is rendered or fetched: the markup is parsed and only
 * its text nodes are kept, so scripts, styles, images and attributes can never reach the text.
 */
final class HtmlText {

    /** Elements that end a line (paragraphs end a paragraph, see {@link #PARAGRAPHS}). */
    private static final Set<String> LINES = Set.of(
            "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "ul", "ol", "dd", "dt");
    private static final Set<String> PARAGRAPHS = Set.of("p", "blockquote");

    private HtmlText() {}

    /**
     * The text of an HTML fragment such as a Mastodon status: entities decoded, links reduced to their
     * text (Mastodon's hidden parts of long URLs included, so the whole URL remains), {@code <br>}
     * as a line break, paragraphs separated by an empty line, runs of other white space as one space.
     */
    static String toPlainText(String html) {
        if (html == null || html.isBlank()) {
            return "";
        }
        StringBuilder out = new StringBuilder(html.length());
        Jsoup.parseBodyFragment(html).body().traverse(new NodeVisitor() {
            @Override
            public void head(Node node, int depth) {
                if (node instanceof TextNode text) {
                    appendCollapsed(out, text.getWholeText());
                } else if (node instanceof Element element) {
                    String tag = element.normalName();
                    if (tag.equals("br")) {
                        newLine(out);
                    } else if (PARAGRAPHS.contains(tag)) {
                        lineBreak(out, 2);
                    } else if (LINES.contains(tag)) {
                        lineBreak(out, 1);
                    }
                }
            }

            @Override
            public void tail(Node node, int depth) {
                if (node instanceof Element element) {
                    String tag = element.normalName();
                    if (PARAGRAPHS.contains(tag)) {
                        lineBreak(out, 2);
                    } else if (LINES.contains(tag)) {
                        lineBreak(out, 1);
                    }
                }
            }
        });
        return out.toString().strip().replaceAll("\n{3,}", "\n\n");
    }

    /** Decodes HTML entities in text that is otherwise plain, as X sends it ({@code &amp; &lt; &gt;}). */
    static String unescape(String text) {
        return text == null ? "" : Parser.unescapeEntities(text, false);
    }

    private static void appendCollapsed(StringBuilder out, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean space = c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\u00a0';
            if (!space) {
                out.append(c);
            } else if (out.length() > 0 && !Character.isWhitespace(out.charAt(out.length() - 1))) {
                out.append(' ');
            }
        }
    }

    /** A line break of its own ({@code <br>}): two in a row leave an empty line. */
    private static void newLine(StringBuilder out) {
        trimSpaces(out);
        if (out.length() > 0) {
            out.append('\n');
        }
    }

    private static void trimSpaces(StringBuilder out) {
        while (out.length() > 0 && out.charAt(out.length() - 1) == ' ') {
            out.setLength(out.length() - 1);
        }
    }

    /** Ends the current line so that {@code count} line breaks follow the last text (none at the start). */
    private static void lineBreak(StringBuilder out, int count) {
        trimSpaces(out);
        if (out.length() == 0) {
            return;
        }
        int present = 0;
        for (int i = out.length() - 1; i >= 0 && out.charAt(i) == '\n'; i--) {
            present++;
        }
        for (int i = present; i < count; i++) {
            out.append('\n');
        }
    }
}
