using System.Text;
using System.Xml;

namespace RelationsGraph.Export;

/// <summary>What GraphML and GEXF share: how XML is written, and what becomes of characters XML 1.0 cannot hold.</summary>
internal static class ExportXml
{
    public const string XsiNamespace = "http://www.w3.org/2001/XMLSchema-instance";

    /// <summary>
    /// UTF-8 without BOM, indented with LF. Entitize keeps a value's CR, LF and tab as they are: in an
    /// attribute a reader would otherwise turn them into spaces, and in text CR LF into LF.
    /// </summary>
    public static XmlWriterSettings Settings { get; } = new()
    {
        Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
        Indent = true,
        IndentChars = "  ",
        NewLineChars = "\n",
        NewLineHandling = NewLineHandling.Entitize,
        CloseOutput = false,
    };

    /// <summary>
    /// XML 1.0 has no way to write most control characters (U+0000 to U+001F but tab, LF and CR) nor
    /// U+FFFE and U+FFFF, not even as character references: each becomes U+FFFD, so the file stays
    /// well-formed and a reader sees where something was.
    /// </summary>
    public static string Text(string value)
    {
        if (!value.AsSpan().ContainsAnyExceptInRange('\u0020', '\uD7FF') || IsXml(value)) return value;
        var sb = new StringBuilder(value.Length);
        foreach (var rune in value.EnumerateRunes()) sb.Append(IsXml(rune) ? rune.ToString() : "\uFFFD");
        return sb.ToString();
    }

    private static bool IsXml(string value)
    {
        foreach (var rune in value.EnumerateRunes())
            if (!IsXml(rune)) return false;
        return true;
    }

    private static bool IsXml(Rune r) => r.Value is 0x9 or 0xA or 0xD or (>= 0x20 and <= 0xD7FF) or (>= 0xE000 and <= 0xFFFD) or >= 0x10000;
}
