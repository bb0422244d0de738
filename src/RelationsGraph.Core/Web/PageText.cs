using System.Text;
using AngleSharp.Dom;

namespace RelationsGraph.Web;

/// <summary>
/// The text of an element as a reader sees it, in the shape extraction segments by: a paragraph, heading,
/// quote or table is a block of its own (a blank line between blocks), a list item or a line break starts
/// a line, inline markup joins its words, runs of white space are one space.
/// </summary>
internal static class PageText
{
    private static readonly HashSet<string> Blocks =
    [
        "p", "h1", "h2", "h3", "h4", "h5", "h6", "div", "section", "article", "main", "header", "footer", "aside", "nav",
        "blockquote", "figure", "figcaption", "table", "pre", "address", "dl", "ul", "ol", "hr", "form", "fieldset", "details", "summary",
    ];

    private static readonly HashSet<string> Lines = ["li", "tr", "dt", "dd", "br", "caption"];

    /// <summary>Never text: code, styles, embedded media and form controls.</summary>
    private static readonly HashSet<string> Skipped =
        ["script", "style", "noscript", "template", "svg", "math", "iframe", "object", "embed", "video", "audio", "canvas", "select", "option", "button", "input", "textarea", "head", "title", "meta", "link"];

    public static string Of(IElement root)
    {
        var writer = new Writer();
        Walk(root, writer);
        return writer.ToString();
    }

    private static void Walk(INode node, Writer w)
    {
        foreach (var child in node.ChildNodes)
        {
            switch (child)
            {
                case IText text:
                    w.Append(text.Data);
                    break;
                case IElement e when Skipped.Contains(e.LocalName) || e.HasAttribute("hidden") || e.GetAttribute("aria-hidden") == "true":
                    break;
                case IElement e when e.LocalName == "br":
                    w.Break(1);
                    break;
                case IElement e when Blocks.Contains(e.LocalName):
                    w.Break(2);
                    Walk(e, w);
                    w.Break(2);
                    break;
                case IElement e when Lines.Contains(e.LocalName):
                    w.Break(1);
                    Walk(e, w);
                    w.Break(1);
                    break;
                case IElement e when e.LocalName is "td" or "th":
                    w.Append(" ");
                    Walk(e, w);
                    w.Append(" ");
                    break;
                case IElement e:
                    Walk(e, w);
                    break;
            }
        }
    }

    /// <summary>Writes words and breaks; a break is written only before the next word, the larger of those asked for.</summary>
    private sealed class Writer
    {
        private readonly StringBuilder text = new();
        private int pendingBreak;
        private bool pendingSpace;

        public void Break(int newlines) => pendingBreak = Math.Max(pendingBreak, newlines);

        public void Append(string s)
        {
            foreach (var c in s)
            {
                // HTML's white space; a no-break space is text (the old reader made it a space, a .txt keeps it)
                if (c is ' ' or '\t' or '\n' or '\r' or '\f')
                {
                    pendingSpace = true;
                    continue;
                }
                if (text.Length > 0 && pendingBreak > 0) text.Append('\n', pendingBreak);
                else if (text.Length > 0 && pendingSpace) text.Append(' ');
                pendingBreak = 0;
                pendingSpace = false;
                text.Append(c);
            }
        }

        public override string ToString() => text.ToString();
    }
}
