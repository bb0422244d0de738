using GraphQL.DataLoader;
using RelationsGraph.Graph;

namespace RelationsGraph.Api.Common;

/// <summary>
/// Batches one kind of store read across a level of a GraphQL result (the N+1 problem): each field
/// resolver registers its key and returns a pending result; GraphQL.NET completes pending results
/// only after every sibling has run (its <see cref="IDataLoaderResult"/> protocol), so the first one
/// completed reads all the keys registered so far in one call. The place of each of 20 events is one
/// store read, not 20. Lives for one request (see <see cref="Loaders"/>); results are kept for the
/// request, so a key asked for twice is read once.
/// </summary>
internal sealed class BatchLoader<TKey, TValue>(
    Func<IReadOnlyList<TKey>, CancellationToken, Task<IReadOnlyDictionary<TKey, TValue>>> load,
    TValue missing,
    IEqualityComparer<TKey>? comparer = null) where TKey : notnull
{
    private readonly TValue missing = missing;
    private readonly Lock gate = new();
    private readonly List<TKey> pending = [];
    private readonly Dictionary<TKey, Task<IReadOnlyDictionary<TKey, TValue>>> batchOf = new(comparer);

    public IDataLoaderResult<TValue> Load(TKey key)
    {
        lock (gate)
        {
            if (!batchOf.ContainsKey(key) && !pending.Contains(key, batchOf.Comparer)) pending.Add(key);
        }
        return new Pending(this, key);
    }

    private Task<IReadOnlyDictionary<TKey, TValue>> BatchOf(TKey key, CancellationToken ct)
    {
        lock (gate)
        {
            if (batchOf.TryGetValue(key, out var running)) return running;
            var keys = pending.ToList();
            if (!keys.Contains(key, batchOf.Comparer)) keys.Add(key);
            pending.Clear();
            var batch = load(keys, ct);
            foreach (var k in keys) batchOf[k] = batch;
            return batch;
        }
    }

    private sealed class Pending(BatchLoader<TKey, TValue> loader, TKey key) : IDataLoaderResult<TValue>
    {
        public async Task<TValue> GetResultAsync(CancellationToken cancellationToken = default) =>
            (await loader.BatchOf(key, cancellationToken)).TryGetValue(key, out var value) ? value : loader.missing;

        async Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) => await GetResultAsync(cancellationToken);
    }
}

/// <summary>A pending result mapped when it completes.</summary>
internal sealed class Then<T, TResult>(IDataLoaderResult<T> inner, Func<T, TResult> map) : IDataLoaderResult<TResult>
{
    public async Task<TResult> GetResultAsync(CancellationToken cancellationToken = default) => map(await inner.GetResultAsync(cancellationToken));

    async Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) => await GetResultAsync(cancellationToken);
}

internal static class DataLoaderResults
{
    public static IDataLoaderResult<TResult> Then<T, TResult>(this IDataLoaderResult<T> result, Func<T, TResult> map) => new Then<T, TResult>(result, map);
}

/// <summary>The batch loaders of one request, by question; scoped, so nothing is shared between requests.</summary>
public sealed class Loaders(IGraphStore store)
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<object, object> loaders = new();

    internal BatchLoader<TKey, TValue> For<TKey, TValue>(object question, Func<IGraphStore, BatchLoader<TKey, TValue>> create) where TKey : notnull =>
        (BatchLoader<TKey, TValue>)loaders.GetOrAdd(question, _ => create(store));
}
