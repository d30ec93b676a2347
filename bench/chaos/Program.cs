using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Hologram.Testing.Chaos;

// proxy: the proxy's overhead with no toxic against a direct connection (bulk throughput ratio; added p50 latency of small round trips).
// ramp [service.dll]: a LoadRamp of content adds against the sample service; prints the steps table and the knee.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
switch (args.FirstOrDefault() ?? "proxy")
{
    case "proxy":
        await ProxyBench.RunAsync();
        break;
    case "latency":
        await ProxyBench.LatencyOnlyAsync();
        break;
    case "bulk":
        await ProxyBench.BulkOnlyAsync();
        break;
    case "ramp":
        await RampBench.RunAsync(args.Length > 1 ? args[1] : null);
        break;
    default:
        Console.Error.WriteLine("usage: ChaosBench proxy | bulk | latency | ramp [path/to/Hologram.Samples.Service.dll]");
        return 2;
}

return 0;

internal static class ProxyBench
{
    private const long BulkBytes = 512L * 1024 * 1024;
    private const int RoundTrips = 20_000;
    private static readonly int BufferSize = int.Parse(Environment.GetEnvironmentVariable("PROXY_BUFFER") ?? "65536", CultureInfo.InvariantCulture);

    public static async Task RunAsync()
    {
        using var bulk = Server(SendBulkAsync);
        var zeroCopy = Environment.GetEnvironmentVariable("PROXY_ZERO_COPY") != "0";
        using var echo = Server(EchoAsync);
        await using var bulkProxy = ChaosProxy.Start(bulk.LocalEndPoint!, new ChaosProxyOptions { BufferSize = BufferSize, ZeroCopy = zeroCopy });
        await using var echoProxy = ChaosProxy.Start(echo.LocalEndPoint!, new ChaosProxyOptions { ZeroCopy = zeroCopy });
        var bulkDirect = (IPEndPoint)bulk.LocalEndPoint!;
        var echoDirect = (IPEndPoint)echo.LocalEndPoint!;

        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}");
        await BulkAsync(bulkDirect, bulkProxy.Endpoint, 5);

        Console.WriteLine($"small round trips: 64 B echo, {RoundTrips} per side after warm-up, interleaved in blocks of 500; 5 runs");
        using var directClient = await ConnectAsync(echoDirect);
        using var proxyClient = await ConnectAsync(echoProxy.Endpoint);
        await RoundTripsAsync(directClient, 2000);
        await RoundTripsAsync(proxyClient, 2000);
        for (var run = 1; run <= 5; run++)
        {
            var (dp50, dp95, pp50, pp95) = await CompareAsync(directClient, proxyClient, RoundTrips);
            Console.WriteLine($"  run {run}: direct p50 {dp50,6:0.0} µs p95 {dp95,6:0.0} µs   proxy p50 {pp50,6:0.0} µs p95 {pp95,6:0.0} µs   added p50 {pp50 - dp50,6:0.0} µs (target <= 50)  p95 {pp95 - dp95,6:0.0} µs (target <= 100)");
        }

        await LatencyToxicAsync(echoProxy, directClient, proxyClient);

        Console.WriteLine("idle: 1,000 connections through the proxy, CPU over 5 s");
        var idle = new List<Socket>();
        for (var i = 0; i < 1000; i++)
        {
            idle.Add(await ConnectAsync(echoProxy.Endpoint));
        }

        await Task.Delay(1000);
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var threads = process.Threads.Count;
        await Task.Delay(5000);
        process.Refresh();
        Console.WriteLine($"  open {echoProxy.OpenConnections}, process CPU {(process.TotalProcessorTime - cpu).TotalMilliseconds:0} ms in 5 s, threads {threads} (whole process, echo server included)");
        idle.ForEach(s => s.Dispose());
    }

    /// <summary>Only the latency toxic runs.</summary>
    public static async Task LatencyOnlyAsync()
    {
        using var echo = Server(EchoAsync);
        await using var echoProxy = ChaosProxy.Start(echo.LocalEndPoint!);
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}");
        using var directClient = await ConnectAsync((IPEndPoint)echo.LocalEndPoint!);
        using var proxyClient = await ConnectAsync(echoProxy.Endpoint);
        await RoundTripsAsync(directClient, 2000);
        await RoundTripsAsync(proxyClient, 2000);
        await LatencyToxicAsync(echoProxy, directClient, proxyClient);
    }

    /// <summary>
    /// 5 runs of a 64 B echo with a downstream latency toxic of 1 ms and of 10 ms, interleaved with the direct
    /// connection; added p50 = p50 through the proxy with the toxic − p50 direct, against the set delay. A toxic of one
    /// tick (0.1 µs) shows what the toxic path itself adds (the copy loop instead of splice).
    /// </summary>
    private static async Task LatencyToxicAsync(ChaosProxy echoProxy, Socket directClient, Socket proxyClient)
    {
        Console.WriteLine("latency toxic, downstream: added p50 = p50(proxy with the toxic) - p50(direct), 5 runs (target 95-105 % of the set delay)");
        foreach (var delay in new[] { TimeSpan.FromTicks(1), TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(10) })
        {
            using var toxic = echoProxy.Inject(Toxic.Latency(delay));
            await RoundTripsAsync(proxyClient, 200);
            var count = delay < TimeSpan.FromMilliseconds(5) ? 1000 : 200;
            var runs = new List<string>();
            for (var run = 0; run < 5; run++)
            {
                var (dp50, _, pp50, _) = await CompareAsync(directClient, proxyClient, count);
                var added = pp50 - dp50;
                runs.Add(delay.Ticks == 1 ? $"{added,6:0.0} µs" : $"{added / 1000:0.000} ms ({added / delay.TotalMicroseconds:P1})");
            }

            var label = delay.Ticks == 1 ? "  0.1 µs (the toxic path's own hop)" : $"  {delay.TotalMilliseconds,4:0} ms";
            Console.WriteLine($"{label}: {string.Join(", ", runs)}");
        }
    }

    /// <summary>Only the bulk comparison, with more rounds (<c>PROXY_ROUNDS</c>, default 9) and every round printed.</summary>
    public static async Task BulkOnlyAsync()
    {
        using var bulk = Server(SendBulkAsync);
        var zeroCopy = Environment.GetEnvironmentVariable("PROXY_ZERO_COPY") != "0";
        await using var bulkProxy = ChaosProxy.Start(bulk.LocalEndPoint!, new ChaosProxyOptions { BufferSize = BufferSize, ZeroCopy = zeroCopy });
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}");
        var rounds = int.Parse(Environment.GetEnvironmentVariable("PROXY_ROUNDS") ?? "9", CultureInfo.InvariantCulture);
        var only = Environment.GetEnvironmentVariable("PROXY_ONLY");
        if (only is "direct" or "proxy")
        {
            // One side alone, for a profiler attached to the whole process (perf stat, strace -c): no comparison.
            var endpoint = only == "direct" ? (IPEndPoint)bulk.LocalEndPoint! : bulkProxy.Endpoint;
            await ReadAllAsync(endpoint);
            var rates = new List<double>();
            for (var i = 0; i < rounds; i++)
            {
                rates.Add(await ReadAllAsync(endpoint));
            }

            Console.WriteLine($"  {only} only: {Median(rates):0} MiB/s (median of {rounds})");
            return;
        }

        await BulkAsync((IPEndPoint)bulk.LocalEndPoint!, bulkProxy.Endpoint, rounds, printRounds: true);
    }

    /// <summary>
    /// Reads <see cref="BulkBytes"/> directly and through the proxy, interleaved, after one warm-up each; prints the
    /// medians, their ratio and the CPU each side used per GiB, by thread (from /proc, Linux only).
    /// </summary>
    private static async Task BulkAsync(IPEndPoint direct, IPEndPoint proxied, int rounds, bool printRounds = false)
    {
        Console.WriteLine($"bulk transfer: {BulkBytes / (1024 * 1024)} MiB per run, {rounds} runs each after >= 3 warm-up runs and 2 s, interleaved; both sides read with the same 256 KiB buffer");
        // Warm up by time as well as by count: tiered compilation promotes hot methods ~100 ms after their 30th call,
        // and the proxied side has more code to promote (its compiler thread would otherwise bill the proxy's rounds).
        var warming = Stopwatch.GetTimestamp();
        for (var i = 0; i < 3 || Stopwatch.GetElapsedTime(warming) < TimeSpan.FromSeconds(2); i++)
        {
            await ReadAllAsync(direct);
            await ReadAllAsync(proxied);
        }

        var directRates = new List<double>();
        var proxyRates = new List<double>();
        var directCpu = new Dictionary<string, double>();
        var proxyCpu = new Dictionary<string, double>();
        for (var i = 0; i < rounds; i++)
        {
            var before = ThreadCpu();
            directRates.Add(await ReadAllAsync(direct));
            var middle = ThreadCpu();
            proxyRates.Add(await ReadAllAsync(proxied));
            var after = ThreadCpu();
            AddCpu(directCpu, before, middle);
            AddCpu(proxyCpu, middle, after);
            if (printRounds)
            {
                Console.WriteLine($"  round {i + 1}: direct {directRates[^1],6:0} MiB/s   proxy {proxyRates[^1],6:0} MiB/s   ratio {proxyRates[^1] / directRates[^1]:P0}");
            }
        }

        var d = Median(directRates);
        var p = Median(proxyRates);
        var paired = Median([.. directRates.Zip(proxyRates, (a, b) => b / a)]);
        Console.WriteLine($"  direct  {d,8:0} MiB/s (median)   proxy {p,8:0} MiB/s   ratio {p / d:P0}; median of the paired rounds' ratios {paired:P0} (target >= 80%)");
        if (directCpu.Count > 0)
        {
            var gib = rounds * BulkBytes / (1024.0 * 1024 * 1024);
            Console.WriteLine($"  CPU per GiB moved (ms, user+system, this process by thread; {Environment.ProcessorCount} cores):");
            Console.WriteLine($"    direct: {FormatCpu(directCpu, gib)}");
            Console.WriteLine($"    proxy:  {FormatCpu(proxyCpu, gib)}");
        }
    }

    private static string FormatCpu(Dictionary<string, double> cpu, double gib) =>
        $"total {cpu.Values.Sum() / gib,5:0}  " + string.Join("  ", cpu.Where(c => c.Value / gib >= 1).OrderByDescending(c => c.Value).Select(c => $"{c.Key} {c.Value / gib:0}"));

    private static void AddCpu(Dictionary<string, double> into, Dictionary<int, (string Name, double Ms)> before, Dictionary<int, (string Name, double Ms)> after)
    {
        foreach (var (id, (name, ms)) in after)
        {
            var used = ms - (before.TryGetValue(id, out var b) ? b.Ms : 0);
            if (used > 0)
            {
                into[name] = into.GetValueOrDefault(name) + used;
            }
        }
    }

    /// <summary>CPU time (user + system, ms) of every thread of this process, keyed by thread id; empty off Linux.</summary>
    private static Dictionary<int, (string Name, double Ms)> ThreadCpu()
    {
        var result = new Dictionary<int, (string, double)>();
        if (!OperatingSystem.IsLinux())
        {
            return result;
        }

        foreach (var dir in Directory.EnumerateDirectories("/proc/self/task"))
        {
            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var open = stat.IndexOf('(', StringComparison.Ordinal);
                var close = stat.LastIndexOf(')');
                var name = stat[(open + 1)..close];
                name = name.StartsWith(".NET TP Worker", StringComparison.Ordinal) ? "thread-pool" : name.Replace(' ', '-');
                var fields = stat[(close + 2)..].Split(' ');
                var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
                result[int.Parse(Path.GetFileName(dir), CultureInfo.InvariantCulture)] = (name, ticks * 10.0);
            }
            catch (IOException)
            {
                // The thread ended between the listing and the read.
            }
        }

        return result;
    }

    private static async Task<(double DirectP50, double DirectP95, double ProxyP50, double ProxyP95)> CompareAsync(Socket directClient, Socket proxyClient, int count)
    {
        var directSamples = new List<double>();
        var proxySamples = new List<double>();
        var block = Math.Min(500, count);
        for (var done = 0; done < count; done += block)
        {
            directSamples.AddRange(await RoundTripsAsync(directClient, block));
            proxySamples.AddRange(await RoundTripsAsync(proxyClient, block));
        }

        return (Median(directSamples), Quantile(directSamples, 0.95), Median(proxySamples), Quantile(proxySamples, 0.95));
    }

    private static Socket Server(Func<Socket, Task> handler)
    {
        var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(1024);
        _ = Task.Run(async () =>
        {
            while (true)
            {
                var socket = await listener.AcceptAsync();
                socket.NoDelay = true;
                _ = Task.Run(async () =>
                {
                    using (socket)
                    {
                        try
                        {
                            await handler(socket);
                        }
                        catch (SocketException)
                        {
                        }
                    }
                });
            }
        });
        return listener;
    }

    private static async Task SendBulkAsync(Socket socket)
    {
        var chunk = new byte[256 * 1024];
        for (long sent = 0; sent < BulkBytes; sent += chunk.Length)
        {
            await socket.SendAsync(chunk, SocketFlags.None);
        }

        socket.Shutdown(SocketShutdown.Send);
    }

    private static async Task EchoAsync(Socket socket)
    {
        var buffer = new byte[4096];
        int read;
        while ((read = await socket.ReceiveAsync(buffer, SocketFlags.None)) > 0)
        {
            await socket.SendAsync(buffer.AsMemory(0, read), SocketFlags.None);
        }
    }

    private static async Task<Socket> ConnectAsync(IPEndPoint endpoint)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(endpoint);
        return socket;
    }

    private static async Task<double> ReadAllAsync(IPEndPoint endpoint)
    {
        using var socket = await ConnectAsync(endpoint);
        var buffer = new byte[256 * 1024];
        long total = 0;
        var started = Stopwatch.GetTimestamp();
        int read;
        while ((read = await socket.ReceiveAsync(buffer, SocketFlags.None)) > 0)
        {
            total += read;
        }

        return total / (1024.0 * 1024.0) / Stopwatch.GetElapsedTime(started).TotalSeconds;
    }

    private static async Task<List<double>> RoundTripsAsync(Socket socket, int count)
    {
        var message = new byte[64];
        var reply = new byte[64];
        var samples = new List<double>(count);
        for (var i = 0; i < count; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await socket.SendAsync(message, SocketFlags.None);
            var at = 0;
            while (at < reply.Length)
            {
                at += await socket.ReceiveAsync(reply.AsMemory(at), SocketFlags.None);
            }

            samples.Add(Stopwatch.GetElapsedTime(started).TotalMicroseconds);
        }

        return samples;
    }

    private static double Median(List<double> values) => Quantile(values, 0.5);

    private static double Quantile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        var rank = p * (sorted.Count - 1);
        var low = (int)rank;
        var high = Math.Min(low + 1, sorted.Count - 1);
        return sorted[low] + ((rank - low) * (sorted[high] - sorted[low]));
    }
}

internal static class RampBench
{
    public static async Task RunAsync(string? dll)
    {
        dll = Path.GetFullPath(dll ?? Path.Combine(AppContext.BaseDirectory, "../../../../../samples/Hologram.Samples.Service/bin/Release/net10.0/Hologram.Samples.Service.dll"));
        if (!File.Exists(dll))
        {
            Console.Error.WriteLine($"sample service not built: {dll} (dotnet build -c Release samples/Hologram.Samples.Service)");
            return;
        }

        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var port = ((IPEndPoint)probe.LocalEndPoint!).Port;
        probe.Dispose();
        var data = Path.Combine(Path.GetTempPath(), "hologram-ramp-" + Guid.NewGuid().ToString("N"));
        var url = new Uri($"http://127.0.0.1:{port}/");
        var options = ServiceProcessOptions.ForDotnet(dll, "--urls", url.ToString().TrimEnd('/'), $"--Service:DataDir={data}", "--Service:MaxConcurrent=64", "--Service:QueueLimit=256");
        options.ReadyUrl = new Uri(url, "health");
        options.LogDirectory = Path.Combine(Path.GetTempPath(), "hologram-ramp-logs");
        await using var service = await ServiceProcess.StartAsync(options);
        using var http = new HttpClient { BaseAddress = url };
        var counter = 0;

        for (var i = 0; i < 300; i++)
        {
            using var warm = await http.PostAsync(new Uri("api/v0/add", UriKind.Relative), new ByteArrayContent(BitConverter.GetBytes(-i - 1)));
        }

        var ramp = new LoadRampOptions { Name = "bench-sample-add", MaxRequestsPerStep = 2000, MaxStepDuration = TimeSpan.FromSeconds(5), ReportDirectory = options.LogDirectory };
        Console.WriteLine($"LoadRamp: POST /api/v0/add (1 KiB, fsync'ed) against the sample service, levels {string.Join(", ", ramp.Levels)}, ≤ {ramp.MaxRequestsPerStep} requests or {ramp.MaxStepDuration.TotalSeconds} s per step");
        var result = await LoadRamp.RunAsync(
            async ct =>
            {
                var body = new byte[1024];
                BitConverter.TryWriteBytes(body, Interlocked.Increment(ref counter));
                using var content = new ByteArrayContent(body);
                using var response = await http.PostAsync(new Uri("api/v0/add", UriKind.Relative), content, ct);
                return response.IsSuccessStatusCode;
            },
            ramp);
        Console.WriteLine(result.ToTable());
        Console.WriteLine($"report: {result.ReportPath}");
        Directory.Delete(data, recursive: true);
    }
}
