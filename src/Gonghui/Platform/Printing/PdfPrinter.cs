using System.Diagnostics;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace Gonghui.Platform.Printing;

public sealed class PrintingOptions
{
    /// <summary>The Chromium (or Chrome) executable that prints HTML to PDF (Gonghui:Printing:Chromium). Debian: apt-get install chromium fonts-noto-cjk.</summary>
    public string Chromium { get; set; } = "/usr/bin/chromium";
    public int TimeoutSeconds { get; set; } = 120;
}

/// <summary>Printing could not run: no Chromium on this machine, or it failed or timed out (the message says which).</summary>
public sealed class PrintUnavailableException(string message) : Exception(message);

/// <summary>
/// The platform's PDF printer (issue 19 reports; any printable page): a Razor component is rendered to an HTML document on
/// the server, and headless Chromium prints it (<c>--print-to-pdf</c>). Chromium lays out Chinese text with the system's CJK
/// fonts (fonts-noto-cjk) and embeds the subsets it uses, draws inline SVG charts, and prints CSS <c>@page</c> margin boxes
/// (page numbers). One print runs at a time per process: each is a browser start of a few hundred MB.
/// </summary>
public sealed class PdfPrinter(IServiceProvider services, ILoggerFactory loggers, Microsoft.Extensions.Options.IOptions<PrintingOptions> options)
{
    private static readonly SemaphoreSlim OneAtATime = new(1, 1);

    public bool Available => File.Exists(options.Value.Chromium);

    /// <summary>The component rendered to a complete HTML document (the component writes &lt;html&gt; itself).</summary>
    public async Task<string> RenderHtmlAsync<TComponent>(IDictionary<string, object?> parameters) where TComponent : IComponent
    {
        await using var renderer = new HtmlRenderer(services, loggers);
        return await renderer.Dispatcher.InvokeAsync(async () =>
            (await renderer.RenderComponentAsync<TComponent>(ParameterView.FromDictionary(parameters))).ToHtmlString());
    }

    /// <summary>The component as an HTML page (the printable's own address: what the PDF prints, readable and testable as text).</summary>
    public async Task<IResult> HtmlResultAsync<TComponent>(IDictionary<string, object?> parameters) where TComponent : IComponent =>
        Results.Content(await RenderHtmlAsync<TComponent>(parameters), "text/html; charset=utf-8");

    /// <summary>The component printed to a PDF download; 503 problem details (titled <paramref name="unavailable"/>) when printing cannot run here.</summary>
    public async Task<IResult> PdfResultAsync<TComponent>(IDictionary<string, object?> parameters, string fileName, string unavailable, CancellationToken ct)
        where TComponent : IComponent
    {
        try
        {
            return Results.File(await PrintAsync(await RenderHtmlAsync<TComponent>(parameters), ct), "application/pdf", fileName);
        }
        catch (PrintUnavailableException e)
        {
            return TypedResults.Problem(title: unavailable, detail: e.Message, statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }

    /// <summary>The HTML document printed to PDF bytes. Throws <see cref="PrintUnavailableException"/> when Chromium is missing or fails.</summary>
    public async Task<byte[]> PrintAsync(string html, CancellationToken ct) => RepairTextLayer(await PrintAsChromiumDoesAsync(html, ct));

    /// <summary>The PDF exactly as Chromium prints it, before <see cref="PdfTextLayer"/> (tests show the radicals it names).</summary>
    internal async Task<byte[]> PrintAsChromiumDoesAsync(string html, CancellationToken ct)
    {
        var chromium = options.Value.Chromium;
        if (!File.Exists(chromium)) throw new PrintUnavailableException($"Chromium not found at {chromium} (install: apt-get install chromium fonts-noto-cjk).");
        var dir = Directory.CreateTempSubdirectory("gonghui-print-");
        try
        {
            var input = Path.Combine(dir.FullName, "document.html");
            var output = Path.Combine(dir.FullName, "document.pdf");
            await File.WriteAllTextAsync(input, html, ct);
            await OneAtATime.WaitAsync(ct);
            try
            {
                var psi = new ProcessStartInfo(chromium)
                {
                    RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false,
                };
                foreach (var a in new[]
                {
                    "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--no-pdf-header-footer",
                    "--user-data-dir=" + Path.Combine(dir.FullName, "profile"), "--print-to-pdf=" + output, new Uri(input).AbsoluteUri,
                }) psi.ArgumentList.Add(a);
                using var p = Process.Start(psi) ?? throw new PrintUnavailableException("Chromium did not start.");
                var stderr = p.StandardError.ReadToEndAsync(ct);
                _ = p.StandardOutput.ReadToEndAsync(ct);
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
                timeout.CancelAfter(TimeSpan.FromSeconds(options.Value.TimeoutSeconds));
                try { await p.WaitForExitAsync(timeout.Token); }
                catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                {
                    p.Kill(entireProcessTree: true);
                    throw new PrintUnavailableException($"Chromium did not finish printing within {options.Value.TimeoutSeconds} s.");
                }
                if (!File.Exists(output) || new FileInfo(output).Length == 0)
                    throw new PrintUnavailableException($"Chromium exited with {p.ExitCode} and no PDF: {(await stderr).Trim().Split('\n').LastOrDefault()}");
            }
            finally { OneAtATime.Release(); }
            return await File.ReadAllBytesAsync(output, ct);
        }
        finally
        {
            try { dir.Delete(recursive: true); } catch (IOException) { /* the profile may still be closing; the temp folder is cleaned by the OS */ }
        }
    }

    /// <summary>
    /// The printed PDF with ideographs in its text layer, not the look-alike radicals Chromium names (PdfTextLayer); the PDF as
    /// printed, with a warning, should the repair fail on it (the pages are right either way, only copied text would not be).
    /// </summary>
    private byte[] RepairTextLayer(byte[] pdf)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var repaired = PdfTextLayer.RestoreIdeographs(pdf);
            Log.LogDebug("PDF text layer repaired in {Ms:F1} ms ({Bytes} bytes).", Stopwatch.GetElapsedTime(started).TotalMilliseconds, pdf.Length);
            return repaired;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Log.LogWarning(e, "The PDF text layer could not be repaired; the PDF is returned as Chromium printed it.");
            return pdf;
        }
    }

    private ILogger Log => field ??= loggers.CreateLogger<PdfPrinter>();
}
