using System.Text.Json.Nodes;
using Hologram.Testing.Cli.Reporting;

namespace Hologram.Testing.Cli.Tests.Reporting;

/// <summary>The rendered report opened in headless Chromium: no console error, no network request, every section, screenshots for review.</summary>
public sealed class ReportBrowserTests
{
    [ChromiumFact]
    public async Task The_report_opens_offline_in_a_real_browser_with_every_section()
    {
        Assert.True(Chromium.Path is not null, "Chromium is required under CI=true: .ci/run installs it (apt-get install chromium)");
        using var fixture = await ReportFixture.CreateAsync();
        Assert.Equal(0, fixture.Run("report"));
        var page = new Uri(Path.Combine(fixture.Reports, "index.html")).AbsoluteUri;

        await using var browser = await DevToolsSession.StartAsync(Chromium.Path!);
        foreach (var domain in new[] { "Network.enable", "Runtime.enable", "Log.enable", "Page.enable" })
        {
            await browser.SendAsync(domain);
        }

        await browser.SendAsync("Emulation.setDeviceMetricsOverride", new JsonObject { ["width"] = 1400, ["height"] = 3000, ["deviceScaleFactor"] = 1, ["mobile"] = false });
        await browser.SendAsync("Page.navigate", new JsonObject { ["url"] = page });
        await browser.WaitForEventAsync("Page.loadEventFired");

        var sections = await EvaluateAsync(browser, "JSON.stringify([...document.querySelectorAll('main > section')].map(s => s.id + '|' + s.querySelector('h2').textContent))");
        Assert.Equal(HtmlReport.Sections.Select(s => $"{s.Id}|{s.Title}"), JsonNode.Parse(sections)!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal("0", await EvaluateAsync(browser, "String(document.querySelectorAll('.missing').length)"));
        Assert.Equal("true", await EvaluateAsync(browser, "String(document.querySelectorAll('svg.chart').length >= 5 && [...document.querySelectorAll('svg.chart')].every(s => s.getBoundingClientRect().height > 50))"));

        var reports = RepositoryReports();
        await ScreenshotAsync(browser, Path.Combine(reports, "report-screenshot.png"));
        await browser.SendAsync("Emulation.setEmulatedMedia", new JsonObject { ["features"] = new JsonArray(new JsonObject { ["name"] = "prefers-color-scheme", ["value"] = "dark" }) });
        Assert.Equal("rgb(13, 17, 23)", await EvaluateAsync(browser, "getComputedStyle(document.body).backgroundColor"));
        await ScreenshotAsync(browser, Path.Combine(reports, "report-screenshot-dark.png"));

        var events = browser.Events;
        var requests = events.Where(e => e["method"]!.GetValue<string>() == "Network.requestWillBeSent")
            .Select(e => e["params"]!["request"]!["url"]!.GetValue<string>())
            .Where(url => url != page)
            .ToList();
        Assert.True(requests.Count == 0, "network requests: " + string.Join(", ", requests));
        var problems = events.Where(e => e["method"]!.GetValue<string>() switch
        {
            "Runtime.exceptionThrown" => true,
            "Runtime.consoleAPICalled" => e["params"]!["type"]!.GetValue<string>() is "error" or "warning" or "assert",
            "Log.entryAdded" => e["params"]!["entry"]!["level"]!.GetValue<string>() is "error" or "warning",
            _ => false,
        }).Select(e => e.ToJsonString()).ToList();
        Assert.True(problems.Count == 0, "console problems: " + string.Join("\n", problems));
    }

    private static async Task<string> EvaluateAsync(DevToolsSession browser, string expression)
    {
        var result = await browser.SendAsync("Runtime.evaluate", new JsonObject { ["expression"] = expression, ["returnByValue"] = true });
        return result["result"]!["value"]!.ToString();
    }

    private static async Task ScreenshotAsync(DevToolsSession browser, string path)
    {
        var shot = await browser.SendAsync("Page.captureScreenshot", new JsonObject { ["format"] = "png", ["captureBeyondViewport"] = true });
        await File.WriteAllBytesAsync(path, Convert.FromBase64String(shot["data"]!.GetValue<string>()));
    }

    /// <summary>The repository's <c>reports/</c> folder (found from the test assembly upwards), where screenshots are kept for review.</summary>
    private static string RepositoryReports()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Hologram.Testing.sln")))
            {
                var reports = Path.Combine(directory.FullName, "reports");
                Directory.CreateDirectory(reports);
                return reports;
            }
        }

        return Path.GetTempPath();
    }
}
