using Gonghui.Platform.Audit;

namespace Gonghui.Modules.Legal.Roster;

/// <summary>A law firm of the union's lawyer teams.</summary>
public sealed class LawFirm : IAudited
{
    private LawFirm() { }
    public Guid Id { get; private set; }
    public string Name { get; private set; } = "";

    public static LawFirm Of(Guid id, string name) => new() { Id = id, Name = name };
}

/// <summary>
/// A lawyer or mediator on the roster: their firm (mediators from a union's mediation committee have none), specialities
/// (claim kinds), the districts they serve, and whether they are a model-worker lawyer (劳模律师).
/// </summary>
public sealed class Lawyer : IAudited
{
    private Lawyer() { }
    public Guid Id { get; private set; }
    public string Name { get; private set; } = "";
    public Guid? FirmId { get; private set; }
    public bool Mediator { get; private set; }
    public bool ModelWorker { get; private set; }
    /// <summary>Claim kinds, comma-separated (e.g. <c>WageArrears,Injury</c>).</summary>
    public string Specialities { get; private set; } = "";
    /// <summary>District codes served, comma-separated.</summary>
    public string Districts { get; private set; } = "";
    public bool Active { get; private set; } = true;
    /// <summary>The sign-in account of the lawyer (role Lawyer), for "my cases"; null when they have none.</summary>
    public Guid? AccountId { get; private set; }

    public static Lawyer Of(Guid id, string name, Guid? firmId, bool mediator, bool modelWorker, string specialities, string districts) =>
        new() { Id = id, Name = name, FirmId = firmId, Mediator = mediator, ModelWorker = modelWorker, Specialities = specialities, Districts = districts };

    public void LinkAccount(Guid? accountId) => AccountId = accountId;
}

/// <summary>A firm has acted for an employer: its lawyers may not act against that employer (the conflict check).</summary>
public sealed class FirmRepresentation : IAudited
{
    private FirmRepresentation() { }
    public Guid Id { get; private set; }
    public Guid FirmId { get; private set; }
    /// <summary>The employer's credit code, or its name when no code is known (<see cref="Rules.CaseRules.EmployerKey"/>).</summary>
    public string EmployerKey { get; private set; } = "";
    public string EmployerName { get; private set; } = "";

    public static FirmRepresentation Of(Guid firmId, string employerKey, string employerName) =>
        new() { Id = Guid.CreateVersion7(), FirmId = firmId, EmployerKey = employerKey, EmployerName = employerName };
}
