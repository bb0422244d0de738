using System.Text;
using RelationsGraph.Web;

namespace RelationsGraph.Extraction;

/// <summary>The formats a press release arrives in.</summary>
public enum SourceFormat { Text, Markdown, Html }

/// <summary>
/// A document's text after normalization (HTML to text, NFC), which every offset and quote refers to.
/// A web page's text is its main content (<see cref="HtmlPageReader"/>), and <see cref="Page"/> keeps what
/// its markup says (title, publication date, address, language) for the extractor to fall back on.
/// </summary>
public sealed record SourceText(string Text, SourceFormat Format)
{
    /// <summary>Largest document accepted, in characters: press releases are far smaller.</summary>
    public const int MaxLength = 2_000_000;

    /// <summary>The page the text was read from, for an HTML document; its <see cref="WebPage.Text"/> is before normalization.</summary>
    public WebPage? Page { get; init; }

    public static SourceFormat FormatOf(string fileName) => Path.GetExtension(fileName).ToLowerInvariant() switch
    {
        ".html" or ".htm" => SourceFormat.Html,
        ".md" or ".markdown" => SourceFormat.Markdown,
        _ => SourceFormat.Text,
    };

    /// <summary>
    /// Normalizes raw content; throws <see cref="DocumentRejectedException"/> for content that is not a
    /// text document. HTML is read by <see cref="HtmlPageReader"/>, with <paramref name="pageUrl"/>
    /// (where the page was found, if known) to resolve its canonical address against.
    /// </summary>
    public static SourceText From(string raw, SourceFormat format, Uri? pageUrl = null)
    {
        if (raw.Length > MaxLength)
            throw new DocumentRejectedException($"The document has {raw.Length:N0} characters; at most {MaxLength:N0} are accepted. Split it into its press releases.");
        if (raw.Contains('\0'))
            throw new DocumentRejectedException("The document contains NUL characters: it looks binary, not text. Submit the press release as UTF-8 text, Markdown or HTML.");
        if (format != SourceFormat.Html) return new SourceText(Normalize(raw), format);
        return From(HtmlPageReader.Read(raw, pageUrl));
    }

    /// <summary>The text of a page read by <see cref="HtmlPageReader"/>, keeping its metadata; rejects a page without text.</summary>
    public static SourceText From(WebPage page)
    {
        if (string.IsNullOrWhiteSpace(page.Text))
            throw new DocumentRejectedException("The page has no text besides its navigation, banners and footer. Submit the page of the press release itself.");
        return new SourceText(Normalize(page.Text), SourceFormat.Html) { Page = page };
    }

    private static string Normalize(string raw)
    {
        var text = Clean(raw.Replace("\r\n", "\n").Replace('\r', '\n'));
        return text.IsNormalized(NormalizationForm.FormC) ? text : text.Normalize(NormalizationForm.FormC);
    }

    /// <summary>Reads a file as strict UTF-8 (a BOM is dropped); invalid UTF-8 is rejected rather than guessed.</summary>
    public static SourceText Read(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists) throw new DocumentRejectedException($"No file at '{path}'.");
        if (info.Length > MaxLength * 4L)
            throw new DocumentRejectedException($"'{path}' has {info.Length:N0} bytes; at most {MaxLength * 4L:N0} are accepted.");
        var bytes = File.ReadAllBytes(path);
        string raw;
        try
        {
            raw = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException e)
        {
            throw new DocumentRejectedException($"'{path}' is not valid UTF-8 (at byte {e.Index}). Convert it to UTF-8 and ingest it again.");
        }
        if (raw.Length > 0 && raw[0] == '\uFEFF') raw = raw[1..];
        return From(raw, FormatOf(path));
    }

    /// <summary>
    /// Text that Unicode normalization and quoting can hold: a lone surrogate (from a JSON "\ud800" or an
    /// HTML "&amp;#xD800;") becomes U+FFFD, a control character other than tab and newline (an HTML
    /// "&amp;#0;") a space. Lengths stay the same.
    /// </summary>
    private static string Clean(string text)
    {
        var bad = false;
        for (var i = 0; i < text.Length && !bad; i++)
        {
            var c = text[i];
            bad = c < ' ' && c is not '\n' and not '\t' || char.IsHighSurrogate(c) && (i + 1 == text.Length || !char.IsLowSurrogate(text[++i])) || char.IsLowSurrogate(c);
        }
        if (!bad) return text;
        var chars = text.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            var c = chars[i];
            if (c < ' ' && c is not '\n' and not '\t') chars[i] = ' ';
            else if (char.IsHighSurrogate(c) && i + 1 < chars.Length && char.IsLowSurrogate(chars[i + 1])) i++;
            else if (char.IsSurrogate(c)) chars[i] = '\uFFFD';
        }
        return new string(chars);
    }
}

/// <summary>A document that cannot be ingested; the message says why and what to do.</summary>
public sealed class DocumentRejectedException(string message) : Exception(message);
