using System.Threading.Channels;

namespace Gonghui.Platform.Data.Bulk;

/// <summary>
/// Group commit for many small concurrent writes (hotline intake, likes, quiz answer saves): callers queue an item and wait;
/// one loop per node takes what has queued (up to <see cref="MaxBatch"/>) and writes it with <see cref="WriteAsync"/> in one
/// transaction — one commit, so one WAL flush, for the whole batch — then hands each caller its own result. A caller is
/// answered only after the commit, so nothing is acknowledged before it is durable. A failing batch is retried item by item,
/// so one bad item fails only its own caller. Derive one class per kind of write, register it as a singleton and a hosted
/// service (<c>services.AddGroupCommit&lt;T&gt;()</c>).
/// </summary>
public abstract class GroupCommit<TItem, TResult>(IServiceScopeFactory scopes, ILogger log) : BackgroundService
{
    private sealed record Waiting(TItem Item)
    {
        public TaskCompletionSource<TResult> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private readonly Channel<Waiting> _queue = Channel.CreateBounded<Waiting>(new BoundedChannelOptions(10_000) { SingleReader = true });

    /// <summary>The most items written in one transaction.</summary>
    protected virtual int MaxBatch => 256;

    /// <summary>Calls waiting for the next group commit (the queue depth metric).</summary>
    public int Pending => _queue.Reader.Count;

    /// <summary>
    /// Writes <paramref name="items"/> (in the order they were queued) in ONE transaction of <paramref name="db"/> and returns one
    /// result per item, in the same order. Throwing fails the batch (it is then retried item by item).
    /// </summary>
    protected abstract Task<IReadOnlyList<TResult>> WriteAsync(GonghuiDb db, IReadOnlyList<TItem> items, CancellationToken ct);

    /// <summary>Queues <paramref name="item"/> and answers its result once the batch that holds it has committed.</summary>
    public async Task<TResult> SubmitAsync(TItem item, CancellationToken ct)
    {
        var p = new Waiting(item);
        await _queue.Writer.WriteAsync(p, ct);
        return await p.Done.Task.WaitAsync(ct);
    }

    protected override async Task ExecuteAsync(CancellationToken stop)
    {
        var batch = new List<Waiting>(MaxBatch);
        var items = new List<TItem>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync(stop))
        {
            batch.Clear();
            items.Clear();
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var p)) { batch.Add(p); items.Add(p.Item); }
            try
            {
                var results = await RunAsync(items, stop);
                for (var i = 0; i < batch.Count; i++) batch[i].Done.TrySetResult(results[i]);
            }
            catch (Exception ex) when (batch.Count > 1 && !stop.IsCancellationRequested)
            {
                log.LogWarning(ex, "{Writer}: a batch of {Count} failed; writing one by one", GetType().Name, batch.Count);
                foreach (var p in batch)
                {
                    try { p.Done.TrySetResult((await RunAsync([p.Item], stop))[0]); }
                    catch (Exception one) { p.Done.TrySetException(one); }
                }
            }
            catch (Exception ex)
            {
                foreach (var p in batch) p.Done.TrySetException(ex);
            }
        }
    }

    private async Task<IReadOnlyList<TResult>> RunAsync(IReadOnlyList<TItem> items, CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<GonghuiDb>();
        var results = await WriteAsync(db, items, ct);
        if (results.Count != items.Count) throw new InvalidOperationException($"{GetType().Name} answered {results.Count} results for {items.Count} items.");
        return results;
    }
}

public static class GroupCommitRegistration
{
    /// <summary>Registers a group-commit writer as a singleton (callers inject it) and as the hosted service that runs its loop.</summary>
    public static IServiceCollection AddGroupCommit<T>(this IServiceCollection services) where T : class, IHostedService
    {
        services.AddSingleton<T>();
        services.AddHostedService(sp => sp.GetRequiredService<T>());
        return services;
    }
}
