namespace Gonghui.Platform.Http;

/// <summary>Where a <c>returnUrl</c> may send the browser: only a path on this site, anything else is the home page.</summary>
public static class LocalUrl
{
    /// <summary>
    /// The url when it is a plain local path ("/x?y"), otherwise "/". Refuses absolute URLs, protocol-relative
    /// "//host", "/\host" (browsers read a backslash as a slash), control characters, and the same tricks
    /// percent-encoded once or twice ("%2F%2Fevil.com").
    /// </summary>
    public static string OrHome(string? url)
    {
        if (string.IsNullOrEmpty(url) || url.Length > 2048) return "/";
        var probe = url;
        for (var i = 0; i < 3 && probe.Contains('%'); i++)
        {
            try { probe = Uri.UnescapeDataString(probe); } catch (UriFormatException) { return "/"; }
        }
        foreach (var s in (ReadOnlySpan<string>)[url, probe])
        {
            if (s.Length == 0 || s[0] != '/') return "/";
            if (s.Length > 1 && (s[1] == '/' || s[1] == '\\')) return "/";
            foreach (var c in s) if (char.IsControl(c) || c == '\\') return "/";
        }
        return url;
    }
}
