using RelationsGraph.Graph;

namespace RelationsGraph.Core.Tests.Stores;

/// <summary>The start of a store, asked for by several workers at once, runs once; asked for again later, it runs again.</summary>
public sealed class SingleFlightTests
{
    [Fact]
    public async Task CallersThatArriveDuringARunShareItAndALaterCallerStartsANewOne()
    {
        var flight = new SingleFlight();
        var runs = 0;
        var release = new TaskCompletionSource();
        Task Start() { Interlocked.Increment(ref runs); return release.Task; }

        var first = flight.RunAsync(Start);
        var second = flight.RunAsync(Start);
        Assert.Same(first, second);
        Assert.Equal(1, runs);

        release.SetResult();
        await Task.WhenAll(first, second);
        await flight.RunAsync(() => { Interlocked.Increment(ref runs); return Task.CompletedTask; });
        Assert.Equal(2, runs);
    }

    [Fact]
    public async Task ARunThatFailedIsTriedAgainByTheNextCaller()
    {
        var flight = new SingleFlight();
        await Assert.ThrowsAsync<InvalidOperationException>(() => flight.RunAsync(() => Task.FromException(new InvalidOperationException("store away"))));
        var ran = false;
        await flight.RunAsync(() => { ran = true; return Task.CompletedTask; });
        Assert.True(ran);
    }
}
