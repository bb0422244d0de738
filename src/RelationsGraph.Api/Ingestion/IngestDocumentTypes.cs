using GraphQL.Types;
using RelationsGraph.Api.Common;
using RelationsGraph.Api.GraphQL;
using RelationsGraph.Graph;
using DocumentNode = RelationsGraph.Model.Document;

namespace RelationsGraph.Api.Ingestion;

/// <summary>A press release submitted over HTTP.</summary>
public sealed record IngestDocumentInput(string? Title, string Text, string? Url = null, string? Published = null, string? Language = null, SubmittedFormat? Format = null);

/// <summary>What the submitted text is: the release's text (plain or Markdown), or the HTML of its web page.</summary>
public enum SubmittedFormat { Text, Html }

public sealed class SubmittedFormatType : EnumerationGraphType<SubmittedFormat>
{
    public SubmittedFormatType()
    {
        Name = "DocumentFormat";
        Description = "TEXT: the release as plain text or Markdown. HTML: its web page; the release is read from the page without the site around it (navigation, banners, related articles, footer), with the page's headline, date, canonical address and language.";
    }
}

/// <summary>What one submitted document added to and changed in the graph.</summary>
public sealed record IngestDocumentPayload(
    DocumentNode Document,
    IngestStatus Status,
    int NodesWritten,
    int EdgesWritten,
    int FactsRemoved,
    IReadOnlyList<string> Warnings,
    IReadOnlyList<LabelCount> Extracted);

public sealed class IngestDocumentInputType : InputObjectGraphType<IngestDocumentInput>
{
    public IngestDocumentInputType()
    {
        Name = "IngestDocumentInput";
        Description = "A press release in German or English, as plain text or Markdown, or as the HTML of its web page.";
        Field(x => x.Title, nullable: true).Description("The headline. When the text does not begin with it, it is put before the text, as in a file. Required for TEXT; for HTML the page's headline when left out.");
        Field(x => x.Text).Description("The body, at most Api:MaxDocumentChars characters (200,000 by default).");
        Field(x => x.Url, nullable: true).Description("Where it was published (http or https). With a URL, the URL is the document's identity: submitting changed text for it updates the document; without one, the title and text are.");
        Field(x => x.Published, nullable: true).Description("Publication date, YYYY, YYYY-MM or YYYY-MM-DD; read from the text when left out.");
        Field(x => x.Language, nullable: true).Description("\"de\" or \"en\"; detected from the text when left out (a text in neither language is rejected).");
        Field(x => x.Format, typeof(SubmittedFormatType)).Description("What 'text' holds: TEXT (the default) or HTML. For a page without 'url', its canonical address (link rel=canonical, og:url) is the document's identity.");
    }
}

public sealed class IngestStatusType : EnumerationGraphType<IngestStatus>
{
    public IngestStatusType()
    {
        Name = "IngestStatus";
        Description = "ADDED: a new document. UPDATED: a document already submitted with the same URL, whose title or text changed; its old facts were replaced. UNCHANGED: the same title and text again; nothing was written.";
    }
}

public sealed class IngestDocumentPayloadType : ObjectGraphType<IngestDocumentPayload>
{
    public IngestDocumentPayloadType()
    {
        Name = "IngestDocumentPayload";
        Field<NonNullGraphType<DocumentType>>("document").Resolve(ctx => ctx.Source.Document);
        Field<NonNullGraphType<IngestStatusType>>("status").Resolve(ctx => ctx.Source.Status);
        Field(x => x.NodesWritten).Description("Nodes written for this document (0 when UNCHANGED).");
        Field(x => x.EdgesWritten).Description("Relationships written for this document (0 when UNCHANGED).");
        Field(x => x.FactsRemoved).Description("Facts of the document's previous version that are gone (UPDATED only).");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("warnings").Description("What the extractor was unsure about.").Resolve(ctx => ctx.Source.Warnings);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<LabelCountType>>>>("extracted")
            .Description("What the extractor found in the document, by label (Person, Office, Place, Organization, Event, Agreement, Statistic), whether new to the graph or already known.")
            .Resolve(ctx => ctx.Source.Extracted);
    }
}
