using System.Collections.Concurrent;
using Gonghui.Platform.Data;

namespace Gonghui.Platform.Importing;

public enum ImportJobState { Running, Succeeded, Rejected, Failed }

/// <summary>One import running in the background: who started it, how far it has got and, at the end, its result.</summary>
public sealed class ImportJob
{
    private readonly TimeProvider _clock;
    private readonly Lock _confirmGate = new();

    internal ImportJob(string kind, Guid ownerId, string fileName, string folder, TimeProvider clock)
    {
        _clock = clock;
        Kind = kind;
        OwnerId = ownerId;
        FileName = fileName;
        StartedAt = clock.GetUtcNow();
        UploadPath = Path.Combine(folder, Id.ToString("N") + ".upload");
        ErrorReportPath = Path.Combine(folder, Id.ToString("N") + ".errors.csv");
    }

    public Guid Id { get; } = Guid.CreateVersion7();
    public string Kind { get; }
    public Guid OwnerId { get; }
    public string FileName { get; }
    public DateTimeOffset StartedAt { get; }
    public DateTimeOffset? FinishedAt { get; internal set; }
    /// <summary>Where the uploaded file is kept while the job runs (deleted afterwards).</summary>
    public string UploadPath { get; }
    /// <summary>Where the full error report goes; it exists only when there were errors.</summary>
    public string ErrorReportPath { get; }

    public ImportJobState State { get; internal set; } = ImportJobState.Running;
    public ImportProgress Progress { get; set; } = new(0, 0, "reading");
    public int Created { get; set; }
    public int Updated { get; set; }
    public int Rejected { get; set; }
    public int ErrorCount { get; set; }
    /// <summary>The first errors, already in the uploader's language.</summary>
    public IReadOnlyList<RowError> Errors { get; set; } = [];
    public string? Message { get; set; }
    /// <summary>For a preview job: what the file would do. The upload is kept (<see cref="KeepUpload"/>) until it is confirmed.</summary>
    public ImportPreview? Preview { get; set; }
    /// <summary>Keep the uploaded file when the job ends: a preview's file is imported by the job that confirms it.</summary>
    public bool KeepUpload { get; init; }
    /// <summary>Whether the job was asked to skip invalid rows (a confirmation carries it over).</summary>
    public bool SkipInvalid { get; init; }
    /// <summary>The job that imported this preview's file once it was confirmed.</summary>
    public Guid? ConfirmedAs { get; private set; }

    /// <summary>Marks a finished preview as confirmed by <paramref name="import"/>; false when it was already confirmed.</summary>
    internal bool TryConfirm(ImportJob import)
    {
        lock (_confirmGate)
        {
            if (ConfirmedAs is not null) return false;
            ConfirmedAs = import.Id;
            return true;
        }
    }

    public bool HasErrorReport => File.Exists(ErrorReportPath);
    public double RowsPerSecond
    {
        get
        {
            var seconds = ((FinishedAt ?? _clock.GetUtcNow()) - StartedAt).TotalSeconds;
            return seconds > 0 ? Progress.Rows / seconds : 0;
        }
    }
}

/// <summary>
/// Background import jobs, kept in memory by id (a restart forgets them; the import itself is one transaction, so a
/// job cut short by a restart wrote nothing). Files live under the data folder's imports/ and are removed after a day.
/// </summary>
public sealed class ImportJobs(DatabaseSettings settings, IServiceScopeFactory scopes, IHostApplicationLifetime lifetime, TimeProvider clock,
    ILogger<ImportJobs> log, Telemetry.GonghuiMetrics metrics)
{
    private static readonly TimeSpan KeepFor = TimeSpan.FromDays(1);
    private readonly ConcurrentDictionary<Guid, ImportJob> _jobs = new();

    public string Folder
    {
        get
        {
            var dir = Path.Combine(settings.DataDir, "imports");
            Directory.CreateDirectory(dir);
            return dir;
        }
    }

    public ImportJob Create(string kind, Guid ownerId, string fileName, bool keepUpload = false, bool skipInvalid = false)
    {
        Sweep();
        var job = new ImportJob(kind, ownerId, fileName, Folder, clock) { KeepUpload = keepUpload, SkipInvalid = skipInvalid };
        _jobs[job.Id] = job;
        return job;
    }

    /// <summary>
    /// A new job of <paramref name="kind"/> that imports a finished preview's kept file; null when the preview is still running,
    /// was refused, was already confirmed, or its file is gone (a restart or a day later). The file moves to the new job.
    /// </summary>
    public ImportJob? Confirm(ImportJob preview, string kind)
    {
        if (preview.Preview is null || preview.State != ImportJobState.Succeeded || !File.Exists(preview.UploadPath)) return null;
        var job = new ImportJob(kind, preview.OwnerId, preview.FileName, Folder, clock) { SkipInvalid = preview.SkipInvalid };
        if (!preview.TryConfirm(job)) return null;
        File.Move(preview.UploadPath, job.UploadPath);
        _jobs[job.Id] = job;
        return job;
    }

    /// <summary>Runs the work on a fresh DI scope; the work sets the job's counts, this sets its end state.</summary>
    public void Start(ImportJob job, Func<IServiceProvider, ImportJob, CancellationToken, Task<ImportJobState>> work)
    {
        var ct = lifetime.ApplicationStopping;
        _ = Task.Run(async () =>
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                job.State = await work(scope.ServiceProvider, job, ct);
            }
            catch (Exception e)
            {
                // Personal data never goes into logs: the exception type and message only (no row values are in them).
                log.LogError("Import job {Id} ({Kind}) failed: {Error}", job.Id, job.Kind, e.GetType().Name + ": " + e.Message);
                job.Message = e is OperationCanceledException ? "cancelled" : e.Message;
                job.State = ImportJobState.Failed;
            }
            finally
            {
                job.FinishedAt = clock.GetUtcNow();
                metrics.ImportFinished(job.Kind, job.Progress.Rows, job.RowsPerSecond);
                if (!job.KeepUpload) TryDelete(job.UploadPath);
            }
        }, CancellationToken.None);
    }

    public ImportJob? Find(Guid id) => _jobs.TryGetValue(id, out var j) ? j : null;

    private void Sweep()
    {
        var cutoff = clock.GetUtcNow() - KeepFor;
        foreach (var j in _jobs.Values.Where(j => j.FinishedAt < cutoff))
        {
            _jobs.TryRemove(j.Id, out _);
            TryDelete(j.ErrorReportPath);
            TryDelete(j.UploadPath);
        }
    }

    private static void TryDelete(string path)
    {
        try { File.Delete(path); } catch (IOException) { }
    }
}
