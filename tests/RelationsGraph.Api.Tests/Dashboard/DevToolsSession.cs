using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace RelationsGraph.Api.Tests.Dashboard;

/// <summary>
/// A minimal Chrome DevTools Protocol client over one WebSocket: commands are matched to their
/// responses by id, events go to the handlers subscribed to their method.
/// </summary>
public sealed class DevToolsSession : IAsyncDisposable
{
    private readonly ClientWebSocket socket = new();
    private readonly SemaphoreSlim sendLock = new(1, 1);
    private readonly ConcurrentDictionary<int, TaskCompletionSource<JsonElement>> pending = new();
    private readonly ConcurrentDictionary<string, Action<JsonElement>> handlers = new();
    private readonly CancellationTokenSource closing = new();
    private Task receiving = Task.CompletedTask;
    private int lastId;

    public static async Task<DevToolsSession> ConnectAsync(Uri webSocketUrl, CancellationToken cancellationToken)
    {
        var session = new DevToolsSession();
        session.socket.Options.KeepAliveInterval = TimeSpan.Zero;
        await session.socket.ConnectAsync(webSocketUrl, cancellationToken);
        session.receiving = Task.Run(session.ReceiveLoopAsync);
        return session;
    }

    /// <summary>Calls <paramref name="handler"/> with the params of every event named <paramref name="method"/> (such as Runtime.exceptionThrown).</summary>
    public void On(string method, Action<JsonElement> handler) => handlers.AddOrUpdate(method, handler, (_, existing) => existing + handler);

    /// <summary>Sends a command and returns its result; a protocol error becomes an exception with CDP's message.</summary>
    public async Task<JsonElement> SendAsync(string method, object? parameters = null, CancellationToken cancellationToken = default)
    {
        var id = Interlocked.Increment(ref lastId);
        var answer = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        pending[id] = answer;
        var message = new JsonObject { ["id"] = id, ["method"] = method, ["params"] = JsonSerializer.SerializeToNode(parameters ?? new { }) };
        var bytes = Encoding.UTF8.GetBytes(message.ToJsonString());
        await sendLock.WaitAsync(cancellationToken);
        try
        {
            await socket.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
        }
        finally
        {
            sendLock.Release();
        }
        using var registration = cancellationToken.Register(() =>
        {
            if (pending.TryRemove(id, out var waiting)) waiting.TrySetCanceled(cancellationToken);
        });
        return await answer.Task;
    }

    private async Task ReceiveLoopAsync()
    {
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                var result = await socket.ReceiveAsync(buffer, closing.Token);
                if (result.MessageType == WebSocketMessageType.Close) break;
                message.Write(buffer, 0, result.Count);
                if (!result.EndOfMessage) continue;
                Dispatch(message.GetBuffer().AsMemory(0, (int)message.Length));
                message.SetLength(0);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
        }
        foreach (var id in pending.Keys)
            if (pending.TryRemove(id, out var waiting))
                waiting.TrySetException(new InvalidOperationException("The DevTools connection closed before Chromium answered."));
    }

    private void Dispatch(ReadOnlyMemory<byte> json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        if (root.TryGetProperty("id", out var idElement))
        {
            if (!pending.TryRemove(idElement.GetInt32(), out var answer)) return;
            if (root.TryGetProperty("error", out var error))
                answer.TrySetException(new InvalidOperationException($"DevTools error: {error.GetProperty("message").GetString()} {(error.TryGetProperty("data", out var data) ? data.ToString() : "")}".TrimEnd()));
            else
                answer.TrySetResult(root.TryGetProperty("result", out var result) ? result.Clone() : default);
        }
        else if (root.TryGetProperty("method", out var method) && handlers.TryGetValue(method.GetString()!, out var handler))
        {
            handler(root.TryGetProperty("params", out var parameters) ? parameters.Clone() : default);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (socket.State == WebSocketState.Open)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            try { await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token); }
            catch (Exception e) when (e is OperationCanceledException or WebSocketException) { }
        }
        if (await Task.WhenAny(receiving, Task.Delay(TimeSpan.FromSeconds(2))) != receiving) await closing.CancelAsync();
        await receiving;
        socket.Dispose();
        closing.Dispose();
        sendLock.Dispose();
    }
}
