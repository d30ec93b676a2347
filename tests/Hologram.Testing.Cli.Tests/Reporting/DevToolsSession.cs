using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Hologram.Testing.Cli.Tests.Reporting;

/// <summary>
/// A headless Chromium driven over the DevTools protocol: commands by id, every event kept, so a test can see the
/// console messages, exceptions and network requests a page caused.
/// </summary>
internal sealed class DevToolsSession : IAsyncDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private readonly Process process;
    private readonly string profile;
    private readonly ClientWebSocket socket = new();
    private readonly Dictionary<int, TaskCompletionSource<JsonObject>> pending = [];
    private readonly List<JsonObject> events = [];
    private readonly CancellationTokenSource stop = new();
    private readonly StringBuilder stderr = new();
    private Task? receiver;
    private int nextId;

    private DevToolsSession(Process process, string profile)
    {
        this.process = process;
        this.profile = profile;
    }

    public IReadOnlyList<JsonObject> Events
    {
        get
        {
            lock (events)
            {
                return events.ToList();
            }
        }
    }

    public static async Task<DevToolsSession> StartAsync(string chromium)
    {
        var profile = Path.Combine(Path.GetTempPath(), "hologram-chromium-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(profile);
        var start = new ProcessStartInfo(chromium)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--disable-extensions", "--disable-default-apps", "--hide-scrollbars",
            "--remote-debugging-port=0", "--remote-allow-origins=*", $"--user-data-dir={profile}", "about:blank",
        })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start)!;
        var session = new DevToolsSession(process, profile);
        process.ErrorDataReceived += (_, e) =>
        {
            lock (session.stderr)
            {
                session.stderr.AppendLine(e.Data);
            }
        };
        process.BeginErrorReadLine();
        process.OutputDataReceived += (_, _) => { };
        process.BeginOutputReadLine();

        // Chromium writes the port it chose and the browser target's path to DevToolsActivePort in the profile.
        var portFile = Path.Combine(profile, "DevToolsActivePort");
        var deadline = DateTime.UtcNow + Timeout;
        while (!File.Exists(portFile) || File.ReadAllLines(portFile).Length < 2)
        {
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                var log = session.Stderr;
                await session.DisposeAsync();
                throw new InvalidOperationException($"Chromium did not open its DevTools port: {log}");
            }

            await Task.Delay(50);
        }

        var port = int.Parse(File.ReadAllLines(portFile)[0], System.Globalization.CultureInfo.InvariantCulture);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
        var targets = JsonNode.Parse(await http.GetStringAsync("json/list"))!.AsArray();
        var page = targets.First(t => t!["type"]!.GetValue<string>() == "page")!;
        await session.socket.ConnectAsync(new Uri(page["webSocketDebuggerUrl"]!.GetValue<string>()), CancellationToken.None);
        session.receiver = Task.Run(session.ReceiveAsync);
        return session;
    }

    public string Stderr
    {
        get
        {
            lock (stderr)
            {
                return stderr.ToString();
            }
        }
    }

    public async Task<JsonObject> SendAsync(string method, JsonObject? parameters = null)
    {
        var id = Interlocked.Increment(ref nextId);
        var done = new TaskCompletionSource<JsonObject>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (pending)
        {
            pending[id] = done;
        }

        var message = new JsonObject { ["id"] = id, ["method"] = method, ["params"] = parameters ?? new JsonObject() };
        await socket.SendAsync(Encoding.UTF8.GetBytes(message.ToJsonString()), WebSocketMessageType.Text, true, CancellationToken.None);
        var response = await done.Task.WaitAsync(Timeout);
        if (response["error"] is { } error)
        {
            throw new InvalidOperationException($"{method} failed: {error.ToJsonString()}");
        }

        return response["result"]?.AsObject() ?? [];
    }

    /// <summary>Waits for an event of <paramref name="method"/> (one already received counts).</summary>
    public async Task WaitForEventAsync(string method)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (!Events.Any(e => e["method"]?.GetValue<string>() == method))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"no {method} event within {Timeout.TotalSeconds} s");
            }

            await Task.Delay(20);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        if (receiver is not null)
        {
            await Task.WhenAny(receiver, Task.Delay(2000));
        }

        socket.Dispose();
        process.Dispose();
        stop.Dispose();
        try
        {
            Directory.Delete(profile, recursive: true);
        }
        catch (IOException)
        {
            // Chromium may still release files for a moment; a leftover temp profile is harmless.
        }
    }

    private async Task ReceiveAsync()
    {
        var buffer = new byte[1 << 16];
        using var message = new MemoryStream();
        try
        {
            while (!stop.IsCancellationRequested && socket.State == WebSocketState.Open)
            {
                var result = await socket.ReceiveAsync(buffer, stop.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }

                message.Write(buffer, 0, result.Count);
                if (!result.EndOfMessage)
                {
                    continue;
                }

                var node = JsonNode.Parse(message.ToArray())!.AsObject();
                message.SetLength(0);
                if (node["id"] is { } id)
                {
                    TaskCompletionSource<JsonObject>? done;
                    lock (pending)
                    {
                        pending.Remove(id.GetValue<int>(), out done);
                    }

                    done?.TrySetResult(node);
                }
                else
                {
                    lock (events)
                    {
                        events.Add(node);
                    }
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or JsonException)
        {
            // The browser went away or the test is done.
        }
    }
}
