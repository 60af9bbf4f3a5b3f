using System.Threading.Channels;

namespace Gonghui.Platform.Importing;

/// <summary>A batch of checked rows and the fraction of the file read when it was taken.</summary>
public readonly record struct CheckedBatch<T>(T Value, double Fraction);

/// <summary>
/// The bulk importers' pipeline: one task reads the file's rows in batches (the CSV/XLSX reader is sequential); each
/// batch is checked on a worker of the thread pool (parse, validate, encrypt, hash, encode: whatever does not depend on
/// other rows), up to <see cref="Workers"/> batches at a time; and the one consumer — the writer — takes the checked
/// batches in file order from a bounded channel. So row numbers, the order of errors and the writes are exactly as if
/// the file were read row by row, while the per-row work uses every core, and memory stays bounded (at most two batches
/// per worker in flight). Disposing stops the reader and waits for it.
/// </summary>
public sealed class ParallelRows<T> : IAsyncDisposable
{
    public const int DefaultBatchSize = 1000;

    /// <summary>Batches checked at the same time: one per core.</summary>
    public static int Workers => Math.Max(1, Environment.ProcessorCount);

    private readonly Channel<Task<CheckedBatch<T>>> _channel;
    private readonly CancellationTokenSource _stop;
    private readonly Task _reader;

    private ParallelRows(TabularFile file, Func<TabularRow[], T> check, int batchSize, int workers, CancellationToken ct)
    {
        _stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        // The channel holds tasks in file order; each is already running when queued. Two per worker keep every core
        // busy while the consumer writes, and bound what is held in memory.
        _channel = Channel.CreateBounded<Task<CheckedBatch<T>>>(new BoundedChannelOptions(Math.Max(2, workers * 2)) { SingleReader = true, SingleWriter = true });
        var token = _stop.Token;
        _reader = Task.Run(() => ReadAsync(file, check, batchSize, token), CancellationToken.None);
    }

    /// <summary>Starts reading <paramref name="file"/>; <paramref name="check"/> runs on the workers, one batch at a time each.</summary>
    public static ParallelRows<T> Start(TabularFile file, Func<TabularRow[], T> check, CancellationToken ct, int batchSize = DefaultBatchSize, int? workers = null) =>
        new(file, check, batchSize, workers ?? Workers, ct);

    /// <summary>The checked batches in file order; a reading or checking failure is thrown here.</summary>
    public async IAsyncEnumerable<CheckedBatch<T>> ReadAllAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        await foreach (var pending in _channel.Reader.ReadAllAsync(ct)) yield return await pending;
    }

    private async Task ReadAsync(TabularFile file, Func<TabularRow[], T> check, int batchSize, CancellationToken ct)
    {
        var output = _channel.Writer;
        try
        {
            var buffer = new List<TabularRow>(batchSize);
            foreach (var row in file.Rows())
            {
                ct.ThrowIfCancellationRequested();
                buffer.Add(row);
                if (buffer.Count < batchSize) continue;
                await Enqueue(buffer.ToArray());
                buffer.Clear();
            }
            if (buffer.Count > 0) await Enqueue(buffer.ToArray());
            output.Complete();
        }
        catch (Exception e)
        {
            output.Complete(e);
        }

        ValueTask Enqueue(TabularRow[] rows)
        {
            var fraction = file.Progress;
            return output.WriteAsync(Task.Run(() => new CheckedBatch<T>(check(rows), fraction), ct), ct);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try { await _reader; } catch (OperationCanceledException) { }
        // Batches still queued may be running: let them end before their inputs (the caller's context) go away.
        while (_channel.Reader.TryRead(out var pending))
            try { await pending; } catch (Exception) { /* the consumer stopped for its own reason; this batch is discarded */ }
        _stop.Dispose();
    }
}
