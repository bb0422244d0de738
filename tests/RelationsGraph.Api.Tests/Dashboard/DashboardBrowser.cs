using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using RelationsGraph.Api.Hosting;
using RelationsGraph.Tests.Shared;

namespace RelationsGraph.Api.Tests.Dashboard;

/// <summary>
/// The real API on Kestrel (a free loopback port, the seed ingested into a temporary embedded
/// store) and a headless Chromium driven over the DevTools protocol, with everything the page
/// reports as a problem collected: console errors and warnings, uncaught exceptions, log errors,
/// failed requests. Chromium resolves no host name but 127.0.0.1, so the pages are tested as they
/// work without the internet, and every URL the page asks for is kept (<see cref="Requests"/>).
/// </summary>
public class DashboardBrowser : IAsyncLifetime
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(30);

    private readonly string tempDir = Path.Combine(Path.GetTempPath(), "rg-dashboard-" + Guid.NewGuid().ToString("N"));
    private readonly ConcurrentQueue<string> problems = new();
    private readonly ConcurrentQueue<string> chromiumOutput = new();
    private readonly ConcurrentQueue<string> requests = new();
    private WebApplication? app;
    private Process? chromium;
    private DevToolsSession? page;

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>What went wrong in the page since the last navigation.</summary>
    public IReadOnlyList<string> Problems => [.. problems];

    /// <summary>Every URL the page asked for since the last navigation, whether it could be had or not.</summary>
    public IReadOnlyList<string> Requests => [.. requests];

    public static string ChromiumPath => Environment.GetEnvironmentVariable("CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"Chromium is not installed at {ChromiumPath}; the dashboard tests drive a real headless browser. " +
                "Install it with `apt-get install -y --no-install-recommends chromium` (CI does), or set CHROMIUM to its path.");
        Directory.CreateDirectory(tempDir);
        await StartApiAsync();
        await StartChromiumAsync();
    }

    /// <summary>Settings a variant adds, as command-line arguments ("--RelationsGraph:Section:Key=value").</summary>
    protected virtual IEnumerable<string> Settings => [];

    private async Task StartApiAsync()
    {
        app = RelationsGraphHosting.BuildApp(
        [
            "--urls=http://127.0.0.1:0",
            "--RelationsGraph:Store:DataDirectory=" + Path.Combine(tempDir, "data"),
            "--RelationsGraph:Ingestion:SeedDirectory=" + Path.Combine(RepositoryRoot.Path, "seeds"),
            "--Logging:LogLevel:Default=Warning",
            .. Settings,
        ]);
        await app.StartAsync(); // the store opens and the seed is ingested before Kestrel takes requests
        BaseAddress = new Uri(app.Urls.Single());
    }

    private async Task StartChromiumAsync()
    {
        var profile = Path.Combine(tempDir, "chromium");
        var psi = new ProcessStartInfo(ChromiumPath) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in (string[])["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars",
            "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1", // offline: no other host can be reached
            "--user-data-dir=" + profile, "--remote-debugging-port=0", "about:blank"])
            psi.ArgumentList.Add(arg);
        chromium = Process.Start(psi)!;
        chromium.OutputDataReceived += (_, e) => Keep(e.Data);
        chromium.ErrorDataReceived += (_, e) => Keep(e.Data);
        chromium.BeginOutputReadLine();
        chromium.BeginErrorReadLine();

        // Chromium writes the port it chose, then the browser's WebSocket path, to DevToolsActivePort.
        var portFile = Path.Combine(profile, "DevToolsActivePort");
        var port = await WaitForAsync(async () =>
        {
            if (chromium.HasExited) throw new InvalidOperationException($"Chromium exited with {chromium.ExitCode}: {string.Join('\n', chromiumOutput)}");
            if (!File.Exists(portFile)) return null;
            var lines = await File.ReadAllLinesAsync(portFile);
            return lines.Length >= 2 && int.TryParse(lines[0], out var p) ? (int?)p : null;
        }, TimeSpan.FromSeconds(30), "Chromium to write DevToolsActivePort");

        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        var targets = await http.GetFromJsonAsync<JsonElement>("/json/list");
        var target = targets.EnumerateArray().First(t => t.GetProperty("type").GetString() == "page");
        page = await DevToolsSession.ConnectAsync(new Uri(target.GetProperty("webSocketDebuggerUrl").GetString()!), default);

        page.On("Runtime.consoleAPICalled", e =>
        {
            var type = e.GetProperty("type").GetString();
            if (type is "error" or "warning" or "assert")
                problems.Enqueue($"console.{type}: {string.Join(' ', e.GetProperty("args").EnumerateArray().Select(Describe))}");
        });
        page.On("Runtime.exceptionThrown", e =>
        {
            var details = e.GetProperty("exceptionDetails");
            var description = details.TryGetProperty("exception", out var ex) && ex.TryGetProperty("description", out var d) ? d.GetString() : details.GetProperty("text").GetString();
            problems.Enqueue($"uncaught exception: {description}");
        });
        page.On("Log.entryAdded", e =>
        {
            var entry = e.GetProperty("entry");
            if (entry.GetProperty("level").GetString() == "error")
                problems.Enqueue($"log error ({entry.GetProperty("source").GetString()}): {entry.GetProperty("text").GetString()} {(entry.TryGetProperty("url", out var u) ? u.GetString() : "")}".TrimEnd());
        });
        page.On("Network.loadingFailed", e =>
        {
            if (!(e.TryGetProperty("canceled", out var canceled) && canceled.GetBoolean()))
                problems.Enqueue($"request failed: {e.GetProperty("errorText").GetString()} ({e.GetProperty("requestId").GetString()})");
        });
        page.On("Network.requestWillBeSent", e => requests.Enqueue(e.GetProperty("request").GetProperty("url").GetString()!));
        page.On("Network.responseReceived", e =>
        {
            var response = e.GetProperty("response");
            if (response.GetProperty("status").GetInt32() >= 400)
                problems.Enqueue($"HTTP {response.GetProperty("status").GetInt32()}: {response.GetProperty("url").GetString()}");
        });
        foreach (var domain in (string[])["Runtime", "Log", "Page", "Network"])
            await page.SendAsync(domain + ".enable");
        await page.SendAsync("Emulation.setDeviceMetricsOverride", new { width = 1280, height = 900, deviceScaleFactor = 1, mobile = false });
    }

    private void Keep(string? line)
    {
        if (line is null) return;
        chromiumOutput.Enqueue(line);
        while (chromiumOutput.Count > 50) chromiumOutput.TryDequeue(out _);
    }

    private static string Describe(JsonElement remoteObject) =>
        remoteObject.TryGetProperty("value", out var value) ? value.ToString()
        : remoteObject.TryGetProperty("description", out var description) ? description.GetString() ?? ""
        : remoteObject.GetProperty("type").GetString() ?? "";

    /// <summary>
    /// Opens the dashboard at <paramref name="pathAndQuery"/> and waits until the page says it has
    /// rendered everything (body[data-state] is "ready" or "error"); returns that state.
    /// </summary>
    public async Task<string> OpenAsync(string pathAndQuery)
    {
        problems.Clear();
        requests.Clear();
        var url = new Uri(BaseAddress, pathAndQuery).ToString();
        var navigation = await Page.SendAsync("Page.navigate", new { url });
        if (navigation.TryGetProperty("errorText", out var error))
            throw new InvalidOperationException($"Chromium could not open {url}: {error.GetString()}");
        var expression = $"location.href === {JsonSerializer.Serialize(url)} && document.readyState === 'complete' ? document.body.dataset.state : 'navigating'";
        return await WaitForAsync(async () =>
        {
            var state = await EvaluateAsync<string>(expression);
            return state is "ready" or "error" ? state : null;
        }, ReadyTimeout, $"{url} to set body[data-state] to ready or error (problems so far: {string.Join("; ", problems)})");
    }

    /// <summary>Evaluates a JavaScript expression in the page (promises are awaited) and returns its JSON value.</summary>
    public async Task<T> EvaluateAsync<T>(string expression)
    {
        var result = await Page.SendAsync("Runtime.evaluate", new { expression, returnByValue = true, awaitPromise = true });
        if (result.TryGetProperty("exceptionDetails", out var exception))
            throw new InvalidOperationException($"Evaluating `{expression}` threw: {exception}");
        var value = result.GetProperty("result");
        return value.TryGetProperty("value", out var v) ? v.Deserialize<T>(JsonSerializerOptions.Web)! : default!;
    }

    /// <summary>Waits until a JavaScript expression is true in the page.</summary>
    public Task WaitUntilAsync(string expression) =>
        WaitForAsync(async () => await EvaluateAsync<bool>(expression) ? "yes" : null, ReadyTimeout, $"`{expression}` (problems so far: {string.Join("; ", problems)})");

    /// <summary>Clicks the middle of the first element that matches the CSS selector, as a mouse would.</summary>
    public async Task ClickAsync(string selector)
    {
        await WaitUntilAsync($"document.querySelector({JsonSerializer.Serialize(selector)}) !== null");
        var box = await EvaluateAsync<double[]>(
            $"(() => {{ const r = document.querySelector({JsonSerializer.Serialize(selector)}).getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]; }})()");
        foreach (var type in (string[])["mousePressed", "mouseReleased"])
            await Page.SendAsync("Input.dispatchMouseEvent", new { type, x = box[0], y = box[1], button = "left", clickCount = 1 });
    }

    /// <summary>Makes the browser refuse URLs that match these patterns (* is a wildcard), as if they were missing; none undoes it.</summary>
    public async Task BlockUrlsAsync(params string[] patterns) => await Page.SendAsync("Network.setBlockedURLs", new { urls = patterns });

    /// <summary>Types text into the focused element, as a keyboard would (input events and all).</summary>
    public async Task TypeAsync(string text) => await Page.SendAsync("Input.insertText", new { text });

    /// <summary>Presses and releases a key such as ArrowDown, Enter or Escape.</summary>
    public async Task PressAsync(string key, int keyCode)
    {
        await Page.SendAsync("Input.dispatchKeyEvent", new { type = "rawKeyDown", key, code = key, windowsVirtualKeyCode = keyCode });
        await Page.SendAsync("Input.dispatchKeyEvent", new { type = "keyUp", key, code = key, windowsVirtualKeyCode = keyCode });
    }

    /// <summary>Saves a PNG of the whole page, 1280 px wide.</summary>
    public async Task ScreenshotAsync(string path)
    {
        var metrics = await Page.SendAsync("Page.getLayoutMetrics");
        var height = Math.Ceiling(metrics.GetProperty("cssContentSize").GetProperty("height").GetDouble());
        var shot = await Page.SendAsync("Page.captureScreenshot", new
        {
            format = "png",
            captureBeyondViewport = true,
            clip = new { x = 0, y = 0, width = 1280, height = Math.Max(height, 900), scale = 1 },
        });
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllBytesAsync(path, Convert.FromBase64String(shot.GetProperty("data").GetString()!));
    }

    private DevToolsSession Page => page ?? throw new InvalidOperationException("Chromium is not connected.");

    private static async Task<T> WaitForAsync<T>(Func<Task<T?>> poll, TimeSpan timeout, string what)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (await poll() is { } value) return value;
            if (clock.Elapsed > timeout) throw new TimeoutException($"Waited {timeout.TotalSeconds:0} s for {what}.");
            await Task.Delay(100);
        }
    }

    public async Task DisposeAsync()
    {
        if (page is not null) await page.DisposeAsync();
        if (chromium is { HasExited: false })
        {
            chromium.Kill(entireProcessTree: true);
            await chromium.WaitForExitAsync();
        }
        chromium?.Dispose();
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
        for (var attempt = 0; Directory.Exists(tempDir); attempt++)
        {
            try { Directory.Delete(tempDir, recursive: true); }
            catch (IOException) when (attempt < 10) { await Task.Delay(200); }
        }
    }
}
