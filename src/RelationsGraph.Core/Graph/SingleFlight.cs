namespace RelationsGraph.Graph;

/// <summary>
/// One run of an asynchronous start at a time: a caller that arrives while a run is in flight waits for
/// that run instead of starting a second one beside it (the worker's inbox and its feeds both initialize
/// the store at start). A caller that arrives after a run ended starts a new one, so a start that failed
/// is tried again and a start that is meant to repeat (Neo4j's migration check) does.
/// </summary>
public sealed class SingleFlight
{
    private readonly Lock gate = new();
    private Task? running;

    public Task RunAsync(Func<Task> start)
    {
        lock (gate)
            return running is { IsCompleted: false } ? running : running = start();
    }
}
