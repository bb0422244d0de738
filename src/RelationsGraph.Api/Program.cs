using RelationsGraph.Api.Hosting;

var app = RelationsGraphHosting.BuildApp(args);
app.Run();

/// <summary>The API's entry point, for WebApplicationFactory in the API tests.</summary>
public partial class Program;
