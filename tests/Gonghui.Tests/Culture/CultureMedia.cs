using System.Diagnostics;

namespace Gonghui.Tests.Culture;

/// <summary>Short real media made by Debian's ffmpeg (installed by test.sh): a 2-second MP3 tone and a 3-second MP4 with picture and sound.</summary>
public static class CultureMedia
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static readonly Dictionary<string, byte[]> Made = new();

    public static Task<byte[]> Mp3Async() => MakeAsync("tone.mp3", ["-f", "lavfi", "-i", "sine=frequency=440:duration=2", "-c:a", "libmp3lame", "-b:a", "32k"]);

    public static Task<byte[]> Mp4Async() => MakeAsync("clip.mp4",
    [
        "-f", "lavfi", "-i", "testsrc=size=160x120:rate=10:duration=3", "-f", "lavfi", "-i", "sine=frequency=330:duration=3",
        "-c:v", "libx264", "-pix_fmt", "yuv420p", "-c:a", "aac", "-b:a", "32k", "-shortest", "-movflags", "+faststart",
    ]);

    private static async Task<byte[]> MakeAsync(string name, string[] args)
    {
        await Gate.WaitAsync();
        try
        {
            if (Made.TryGetValue(name, out var done)) return done;
            var path = Path.Combine(Directory.CreateTempSubdirectory("gonghui-media-").FullName, name);
            var psi = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true, RedirectStandardOutput = true };
            foreach (var a in new[] { "-v", "error", "-y" }.Concat(args).Append(path)) psi.ArgumentList.Add(a);
            using var p = Process.Start(psi)!;
            var err = await p.StandardError.ReadToEndAsync();
            await p.WaitForExitAsync();
            if (p.ExitCode != 0) throw new InvalidOperationException($"ffmpeg failed for {name}: {err}");
            return Made[name] = await File.ReadAllBytesAsync(path);
        }
        finally { Gate.Release(); }
    }
}
