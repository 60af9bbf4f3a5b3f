using Gonghui.Modules.Funds.Public;
using Gonghui.Platform.Http;

namespace Gonghui.Tests;

/// <summary>What a ledger posting did, read off its <see cref="Outcome{T}"/>, so ledger tests can count and compare the cases.</summary>
public enum LedgerState { Done, AlreadyDone, InsufficientBudget, NotFound, Refused, Other }

public static class LedgerStates
{
    public static LedgerState State(this Outcome<Guid> o) => o switch
    {
        { IsOk: true, Replayed: false } => LedgerState.Done,
        { IsOk: true } => LedgerState.AlreadyDone,
        { Kind: OutcomeKind.NotFound } => LedgerState.NotFound,
        { Code: LedgerCodes.InsufficientBudget } => LedgerState.InsufficientBudget,
        { Code: LedgerCodes.Refused } => LedgerState.Refused,
        _ => LedgerState.Other,
    };
}
