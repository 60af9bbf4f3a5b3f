using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Gonghui.Modules.Culture.Recitations;

/// <summary>What ffprobe reads from a media file: its duration and whether it carries video and audio.</summary>
public sealed record ProbedMedia(TimeSpan Duration, bool HasVideo, bool HasAudio);

/// <summary>
/// Reads duration and streams with ffprobe and a poster frame with ffmpeg (Debian's ffmpeg package, installed by test.sh);
/// paths configurable as <c>Gonghui:Culture:Ffprobe</c> and <c>Gonghui:Culture:Ffmpeg</c>. A file they cannot read is not media.
/// </summary>
public sealed class MediaProbe(IConfiguration config)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private string Ffprobe => config["Gonghui:Culture:Ffprobe"] ?? "ffprobe";
    private string Ffmpeg => config["Gonghui:Culture:Ffmpeg"] ?? "ffmpeg";

    public async Task<ProbedMedia?> ProbeAsync(string path, CancellationToken ct)
    {
        var (code, output) = await RunAsync(Ffprobe, ["-v", "error", "-print_format", "json", "-show_format", "-show_streams", path], ct);
        if (code != 0) return null;
        try
        {
            using var doc = JsonDocument.Parse(output);
            var root = doc.RootElement;
            var streams = root.TryGetProperty("streams", out var s) ? s.EnumerateArray().ToList() : [];
            bool Has(string type) => streams.Any(x => x.TryGetProperty("codec_type", out var t) && t.GetString() == type
                && !(type == "video" && x.TryGetProperty("disposition", out var d) && d.TryGetProperty("attached_pic", out var a) && a.GetInt32() == 1));
            var seconds = root.TryGetProperty("format", out var f) && f.TryGetProperty("duration", out var du)
                && double.TryParse(du.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : 0;
            return new ProbedMedia(TimeSpan.FromSeconds(seconds), Has("video"), Has("audio"));
        }
        catch (JsonException) { return null; }
    }

    /// <summary>A JPEG frame about a second in (or the first frame of a shorter video), written to <paramref name="output"/>; false when none.</summary>
    public async Task<bool> PosterAsync(string path, TimeSpan duration, string output, CancellationToken ct)
    {
        var at = duration > TimeSpan.FromSeconds(2) ? "1" : "0";
        var (code, _) = await RunAsync(Ffmpeg, ["-v", "error", "-y", "-ss", at, "-i", path, "-frames:v", "1", "-vf", "scale=640:-2", "-f", "image2", output], ct);
        return code == 0 && File.Exists(output) && new FileInfo(output).Length > 0;
    }

    /// <summary>A short MP3 tone (the demo's and the bench's stand-in for a recitation); false when ffmpeg is not there.</summary>
    public async Task<bool> ToneAsync(string output, int frequency, int seconds, CancellationToken ct)
    {
        try
        {
            var (code, _) = await RunAsync(Ffmpeg, ["-v", "error", "-y", "-f", "lavfi", "-i", $"sine=frequency={frequency}:duration={seconds}", "-c:a", "libmp3lame",
                "-b:a", "32k", output], ct);
            return code == 0 && File.Exists(output);
        }
        catch (System.ComponentModel.Win32Exception) { return false; } // not installed
    }

    private static async Task<(int Code, string Output)> RunAsync(string exe, IEnumerable<string> args, CancellationToken ct)
    {
        var psi = new ProcessStartInfo(exe) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi) ?? throw new InvalidOperationException($"{exe} did not start");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(Timeout);
        var stdout = p.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = p.StandardError.ReadToEndAsync(timeout.Token);
        try { await p.WaitForExitAsync(timeout.Token); }
        catch (OperationCanceledException)
        {
            p.Kill(entireProcessTree: true);
            throw;
        }
        await stderr;
        return (p.ExitCode, await stdout);
    }
}
