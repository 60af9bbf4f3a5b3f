using System.Diagnostics;

namespace Gonghui.Platform.Importing;

/// <summary>A one-line progress bar for the terminal (percent, rows, rows/s), redrawn at most a few times a second.</summary>
public sealed class ConsoleProgressBar(TextWriter output, bool interactive)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private long _lastDraw = -1000;

    public void Report(ImportProgress p)
    {
        var now = _clock.ElapsedMilliseconds;
        var final = p.Phase == "done";
        if (!final && now - _lastDraw < (interactive ? 200 : 5000)) return;
        _lastDraw = now;
        var rate = now > 0 ? p.Rows * 1000.0 / now : 0;
        const int width = 30;
        var filled = (int)Math.Round(Math.Clamp(p.Fraction, 0, 1) * width);
        var line = $"[{new string('#', filled)}{new string('.', width - filled)}] {p.Fraction,6:P1}  {p.Rows,10:N0} rows  {rate,9:N0} rows/s  {p.Phase}";
        if (interactive) output.Write("\r" + line + (final ? Environment.NewLine : ""));
        else output.WriteLine(line);
    }
}
