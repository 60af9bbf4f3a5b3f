namespace Gonghui.Platform.Notifications;

/// <summary>The SMS gateway every module sends through. Implementations throw when delivery fails; the caller's outbox retries.</summary>
public interface ISmsSender
{
    /// <summary>Sends <paramref name="body"/> by <paramref name="channel"/> ("sms" to <paramref name="phone"/>, "unit" to the unit's duty contact).</summary>
    Task SendAsync(string channel, string? phone, Guid? unitId, string body, CancellationToken ct);
}

/// <summary>The shipped sender: writes the message to the log with the phone masked (the outbox row is the record).</summary>
public sealed class LogSmsSender(ILogger<LogSmsSender> log) : ISmsSender
{
    public Task SendAsync(string channel, string? phone, Guid? unitId, string body, CancellationToken ct)
    {
        log.LogInformation("SMS {Channel} to {To}: {Body}", channel, phone is null ? unitId?.ToString() : Ids.MobilePhone.Mask(phone), body);
        return Task.CompletedTask;
    }
}
