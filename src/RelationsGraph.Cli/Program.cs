using RelationsGraph.Extraction;
var src = SourceText.Read(args[0]);
var r = new PressReleaseExtractor().Extract(src, new DocumentHints(SourceName: Path.GetFileName(args[0])));
Console.WriteLine(InterchangeFormat.ToJson(r));
