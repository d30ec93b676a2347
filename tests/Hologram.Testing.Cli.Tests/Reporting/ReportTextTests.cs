using Hologram.Testing.Cli.Reporting;

namespace Hologram.Testing.Cli.Tests.Reporting;

public sealed class ReportTextTests
{
    [Theory]
    [InlineData("a\u001b[31mred", "a\\u001b[31mred")]
    [InlineData("nul\0byte", "nul\\u0000byte")]
    [InlineData("abc\u202Etxt.exe", "abc\\u202etxt.exe")]
    [InlineData("\u2066isolate\u2069 \u200Fmark", "\\u2066isolate\\u2069 \\u200fmark")]
    [InlineData("bell\u0007 del\u007f c1\u009b", "bell\\u0007 del\\u007f c1\\u009b")]
    [InlineData("lone\rreturn", "lone\\u000dreturn")]
    [InlineData("tab\tand\nnewline and crlf\r\n", "tab\tand\nnewline and crlf\r\n")]
    [InlineData("plain ünïcødé ✓", "plain ünïcødé ✓")]
    public void Hidden_characters_are_shown_visibly(string value, string expected) => Assert.Equal(expected, ReportText.Visible(value));

    [Fact]
    public void Every_format_shows_hidden_characters_visibly()
    {
        const string Value = "x\u001by\u202Ez";
        Assert.Equal("x\\u001by\\u202ez", ReportText.Html(Value));
        Assert.Equal("x\\\\u001by\\\\u202ez", ReportText.Markdown(Value));
        Assert.Equal("`x\\u001by\\u202ez`", ReportText.MarkdownCode(Value, inTable: false));
        Assert.Equal("x\\\\u001by\\\\u202ez", ReportText.Label(Value));
    }

    [Theory]
    [InlineData("a | b", "a \\| b")]
    [InlineData("<b>x</b> & &lt;", "&lt;b&gt;x&lt;/b&gt; &amp; &amp;lt;")]
    [InlineData("`code` *em* _u_ [l](u) ~s~ #h !i \\", "\\`code\\` \\*em\\* \\_u\\_ \\[l\\](u) \\~s\\~ \\#h \\!i \\\\")]
    public void Markdown_text_escapes_what_markdown_would_interpret(string value, string expected) => Assert.Equal(expected, ReportText.Markdown(value));

    [Theory]
    [InlineData("A.B<T>.C(\"&lt;\")", false, "`A.B<T>.C(\"&lt;\")`")]
    [InlineData("has `tick`", false, "`` has `tick` ``")]
    [InlineData("``two``", false, "``` ``two`` ```")]
    [InlineData("a|b", false, "`a|b`")]
    [InlineData("a|b", true, "`a\\|b`")]
    [InlineData("", false, "-")]
    public void Code_spans_keep_the_text_literal(string value, bool inTable, string expected) => Assert.Equal(expected, ReportText.MarkdownCode(value, inTable));
}
