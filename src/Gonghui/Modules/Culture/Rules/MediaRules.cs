namespace Gonghui.Modules.Culture.Rules;

public enum MediaKind { Audio = 0, Video = 1 }

/// <summary>What the first bytes of an upload say it is, whatever its name or declared type claims.</summary>
public sealed record SniffedMedia(MediaKind Kind, string ContentType, string Extension);

/// <summary>Recitation media: the accepted containers (by magic bytes), size and duration limits. Pure.</summary>
public static class MediaRules
{
    public const long MaxAudioBytes = 20L * 1024 * 1024;
    public const long MaxVideoBytes = 200L * 1024 * 1024;
    public static readonly TimeSpan MaxDuration = TimeSpan.FromMinutes(10);
    public static readonly TimeSpan MinDuration = TimeSpan.FromSeconds(1);

    /// <summary>The container the bytes start with, or null when it is none of MP3, AAC, M4A/MP4, WAV, Ogg, WebM.</summary>
    public static SniffedMedia? Sniff(ReadOnlySpan<byte> head)
    {
        if (At(head, 0, "ID3"u8)) return new(MediaKind.Audio, "audio/mpeg", ".mp3");
        if (head.Length >= 2 && head[0] == 0xFF && (head[1] & 0xF6) == 0xF0) return new(MediaKind.Audio, "audio/aac", ".aac");   // ADTS
        if (head.Length >= 2 && head[0] == 0xFF && (head[1] & 0xE0) == 0xE0) return new(MediaKind.Audio, "audio/mpeg", ".mp3");  // MPEG frame sync
        if (At(head, 0, "RIFF"u8) && At(head, 8, "WAVE"u8)) return new(MediaKind.Audio, "audio/wav", ".wav");
        if (At(head, 0, "OggS"u8)) return new(MediaKind.Audio, "audio/ogg", ".ogg");
        if (At(head, 0, [0x1A, 0x45, 0xDF, 0xA3])) return new(MediaKind.Video, "video/webm", ".webm");
        if (At(head, 4, "ftyp"u8))
        {
            var brand = head.Length >= 12 ? System.Text.Encoding.ASCII.GetString(head.Slice(8, 4)) : "";
            return brand is "M4A " or "M4B " ? new(MediaKind.Audio, "audio/mp4", ".m4a") : new(MediaKind.Video, "video/mp4", ".mp4");
        }
        return null;
    }

    private static bool At(ReadOnlySpan<byte> head, int offset, ReadOnlySpan<byte> sig) =>
        head.Length >= offset + sig.Length && head.Slice(offset, sig.Length).SequenceEqual(sig);

    public static long MaxBytes(MediaKind kind) => kind == MediaKind.Video ? MaxVideoBytes : MaxAudioBytes;

    /// <summary>What ffprobe found decides the kind at last: a container with a video stream is a video, one with audio only an audio work.</summary>
    public static MediaKind KindOf(bool hasVideo) => hasVideo ? MediaKind.Video : MediaKind.Audio;

    /// <summary>The content type a phone plays: a video container carrying audio only is served as audio.</summary>
    public static string ServedType(SniffedMedia sniffed, MediaKind kind) => (sniffed.ContentType, kind) switch
    {
        ("video/mp4", MediaKind.Audio) => "audio/mp4",
        ("video/webm", MediaKind.Audio) => "audio/webm",
        _ => sniffed.ContentType,
    };
}
