namespace Gonghui.Platform.Identity;

/// <summary>
/// The one role × permission matrix (issue 12, DESIGN §4). Every endpoint and page declares one permission:
/// <c>.RequireAuthorization(Permissions.X)</c> or <c>@attribute [Authorize(Policy = Permissions.X)]</c>; each permission is
/// an authorization policy that admits the roles the matrix gives it. <c>docs/security.md</c> prints this matrix and a test
/// keeps the two equal; another calls every operation as every role and compares with it.
/// </summary>
public static class Permissions
{
    // Registry: organisation tree, enterprises, members.
    public const string RegistryRead = "registry.read";
    public const string RegistryEdit = "registry.edit";
    public const string MembersPersonal = "members.personal";
    public const string MembersImport = "members.import";

    // 12351 hotline.
    public const string HotlineIntake = "hotline.intake";
    public const string HotlineWork = "hotline.work";
    public const string HotlineRead = "hotline.read";
    public const string HotlineSupervise = "hotline.supervise";
    public const string HotlineCallerLookup = "hotline.callers";
    /// <summary>Reveal a caller's full phone number on a request in scope, with a reason (audited, on the request's timeline).</summary>
    public const string HotlineRevealPhone = "hotline.revealPhone";
    /// <summary>Print a request's record (intake, dispatch, steps, return visit, resolution; the phone masked) in scope.</summary>
    public const string HotlinePrint = "hotline.print";

    // Service venues (reading them is public on the map; the staff list is here).
    public const string VenuesRead = "venues.read";
    public const string VenuesEdit = "venues.edit";

    // Fund ledger.
    public const string FundsRead = "funds.read";
    public const string FundsAllocate = "funds.allocate";
    public const string FundsReverse = "funds.reverse";

    // Claims (medical mutual aid, accident insurance): staff file and review, fund officers approve and pay.
    public const string ClaimsRead = "claims.read";
    public const string ClaimsFile = "claims.file";
    public const string ClaimsApprove = "claims.approve";
    public const string ClaimsPay = "claims.pay";
    public const string SchemesManage = "schemes.manage";
    /// <summary>Accident-insurance claims: staff in scope, and a worker their own (the module narrows the rows).</summary>
    public const string InsuranceClaimsRead = "insurance.claims.read";

    // Union-fee refunds to small firms.
    public const string FeeRefundsRead = "feerefunds.read";
    public const string FeeRefundsPrepare = "feerefunds.prepare";
    public const string FeeRefundsApprove = "feerefunds.approve";
    public const string FeeRefundsPay = "feerefunds.pay";
    public const string FeeRefundsPolicy = "feerefunds.policy";

    // Start-up micro-loans.
    public const string LoansRead = "loans.read";
    public const string LoansApply = "loans.apply";
    public const string LoansApprove = "loans.approve";
    public const string LoansDisburse = "loans.disburse";
    public const string LoanProductsManage = "loans.products";

    // Needy-worker archive.
    public const string HardshipRead = "hardship.read";
    public const string HardshipEdit = "hardship.edit";
    public const string HardshipApprove = "hardship.approve";
    public const string HardshipPay = "hardship.pay";
    public const string HardshipEvaluate = "hardship.evaluate";

    // Workers' innovation: studios and their recognition, patent and project awards of the innovation fund.
    public const string InnovationRead = "innovation.read";
    /// <summary>Apply for a studio, record its annual review, file a patent award, submit a project.</summary>
    public const string InnovationEdit = "innovation.edit";
    /// <summary>Review steps of a studio's recognition (the module checks the level: unit, district, federation) and expert scores.</summary>
    public const string InnovationReview = "innovation.review";
    /// <summary>Approve (reserve in the innovation fund) or reject an award.</summary>
    public const string InnovationApprove = "innovation.approve";
    public const string InnovationPay = "innovation.pay";
    /// <summary>A worker's own innovation: their studios and team, patent awards, training courses (enrol themselves) and certificates.</summary>
    public const string InnovationSelf = "innovation.self";

    // Legal aid and dispute mediation: staff read and work cases in scope; the roster of lawyers is kept by district and federation.
    public const string LegalRead = "legal.read";
    public const string LegalWork = "legal.work";
    public const string LegalRoster = "legal.roster";
    /// <summary>A lawyer's or mediator's own cases (those assigned to the roster entry linked to their account) with their next deadlines.</summary>
    public const string LegalMine = "legal.mine";
    /// <summary>Approve a legal-aid fee of a case (a lawyer's fee): reserves it in the legal-aid fund's ledger.</summary>
    public const string LegalFees = "legal.fees";
    /// <summary>Pay an approved legal-aid fee through the legal-aid fund's ledger (a second approver above the threshold).</summary>
    public const string LegalPay = "legal.pay";

    // Labour relations (劳动关系监测预警): staff read signals, scores, alerts and reports in scope; union staff record signals and opinion
    // items; district unions and the federation dispose of alerts (verify, act, close, escalate) and run the recompute.
    public const string LaborRead = "labor.read";
    public const string LaborWork = "labor.work";
    public const string LaborAlerts = "labor.alerts";
    /// <summary>Recognise (or withdraw) harmonious employers after review, and set organizing drives' targets: district unions and the federation.</summary>
    public const string LaborManage = "labor.manage";
    /// <summary>Pay an approved grant of the special organizing fund (组建专项经费) to a drive through the ledger (a second approver above the threshold).</summary>
    public const string LaborPay = "labor.pay";

    // Skills contests (职业技能竞赛): staff read; units register their competitors; the federation runs contests; judges mark.
    public const string SkillsRead = "skills.read";
    public const string SkillsRegister = "skills.register";
    public const string SkillsManage = "skills.manage";
    /// <summary>Enter marks on a marking sheet: a judge their own sheet, a contest manager any judge's (paper sheets entered centrally).</summary>
    public const string SkillsMark = "skills.mark";
    /// <summary>Pay the 北京大工匠 and 提名奖 awards of a final list through the innovation fund's ledger.</summary>
    public const string SkillsPay = "skills.pay";

    // Employment services: staff read posts in scope; union staff draft posts for employers, place applicants; district and
    // federation staff review posts before they are public and open campaigns. Searching and reading published posts is public.
    public const string JobsRead = "jobs.read";
    public const string JobsEdit = "jobs.edit";
    public const string JobsReview = "jobs.review";
    // Member services: projects, visits and seasonal campaigns. Staff read and record in scope; the approving tier approves and
    // accepts projects; money gifts of campaigns are paid by those who may pay.
    public const string ServicesRead = "services.read";
    public const string ServicesEdit = "services.edit";
    public const string ServicesImport = "services.import";
    public const string ServicesApprove = "services.approve";
    public const string ServicesPay = "services.pay";
    // Model workers and workers' culture (劳模, 劳模宣讲, 职工书屋, 八小时约定演讲比赛): staff read in scope; unions enter model workers,
    // care records, lecture requests, reading rooms and contest entries; the federation schedules lectures, runs selections and the contest.
    public const string ModelWorkersRead = "modelworkers.read";
    public const string ModelWorkersEdit = "modelworkers.edit";
    public const string ModelWorkersManage = "modelworkers.manage";
    /// <summary>Pay a model worker's allowance or grant through the warmth fund's ledger.</summary>
    public const string ModelWorkersPay = "modelworkers.pay";
    /// <summary>A worker's own part: a model worker's "my lectures", signing in to a lecture and rating it.</summary>
    public const string ModelWorkersSelf = "modelworkers.self";

    /// <summary>Statistics and the annual report: every figure, for the caller's scope and the units in it (read-only).</summary>
    public const string ReportsRead = "reports.read";

    // Workers' culture: the reading quiz (banks, quizzes, rankings), recitation works and their likes.
    public const string CultureRead = "culture.read";
    /// <summary>Question banks and their import, quizzes, like campaigns (the federation and district unions).</summary>
    public const string CultureManage = "culture.manage";
    /// <summary>Publishing or rejecting uploaded recitation works, the raw and cleaned like counts.</summary>
    public const string CultureModerate = "culture.moderate";
    /// <summary>A worker taking part: quiz attempts, uploading and liking recitation works (members or a verified phone).</summary>
    public const string CultureTake = "culture.take";

    // Member card (会员服务卡): staff read merchants, offers, redemptions and statements in scope; managers add merchants and
    // offers; the federation and fund officers draw and pay statements; a merchant's cashier redeems at their own merchant.
    public const string MemberCardRead = "membercard.read";
    public const string MemberCardManage = "membercard.manage";
    public const string MemberCardSettle = "membercard.settle";
    /// <summary>Verify a member pass and redeem, confirm, release and take returns at the caller's own merchant (role Merchant).</summary>
    public const string MemberCardRedeem = "membercard.redeem";

    // Platform administration.
    public const string AuditRead = "audit.read";
    public const string CalendarsManage = "calendars.manage";
    public const string AccountsManage = "accounts.manage";

    // A worker's own records (requests, claims, loans, membership).
    public const string SelfService = "self.service";

    // Every signed-in account: its own sessions (revoking the token or cookie in hand).
    public const string OwnSessions = "sessions.own";

    /// <summary>Every signed-in account: the home page (what is theirs to do; each module shows only what its permissions cover).</summary>
    public const string Home = "home";
}

/// <summary>Which roles hold which permission. Staff also see only their own organisation subtree; this says what they may do there.</summary>
public static class RolePermissions
{
    private static readonly string[] Read =
    [
        Permissions.RegistryRead, Permissions.HotlineRead, Permissions.HotlinePrint, Permissions.VenuesRead, Permissions.FundsRead, Permissions.ClaimsRead,
        Permissions.FeeRefundsRead, Permissions.LoansRead, Permissions.HardshipRead, Permissions.InsuranceClaimsRead,
        Permissions.InnovationRead, Permissions.LegalRead, Permissions.SkillsRead, Permissions.JobsRead, Permissions.CultureRead, Permissions.ServicesRead, Permissions.ReportsRead,
        Permissions.LaborRead, Permissions.ModelWorkersRead, Permissions.MemberCardRead,
    ];

    private static readonly string[] UnionStaff =
    [
        .. Read, Permissions.RegistryEdit, Permissions.MembersPersonal, Permissions.MembersImport,
        Permissions.HotlineWork, Permissions.VenuesEdit, Permissions.ClaimsFile, Permissions.FeeRefundsPrepare, Permissions.LoansApply,
        Permissions.HardshipEdit, Permissions.HardshipPay, Permissions.HotlineIntake,
        Permissions.HotlineRevealPhone, Permissions.InnovationEdit, Permissions.InnovationReview, Permissions.LegalWork, Permissions.SkillsRegister,
        Permissions.JobsEdit, Permissions.ServicesEdit, Permissions.ServicesImport, Permissions.LaborWork, Permissions.ModelWorkersEdit,
    ];

    /// <summary>Approving and paying money: district staff within their subtree, the federation and fund officers.</summary>
    private static readonly string[] Approvals =
    [
        Permissions.ClaimsApprove, Permissions.ClaimsPay, Permissions.FeeRefundsApprove, Permissions.FeeRefundsPay, Permissions.LoansApprove,
        Permissions.LoansDisburse, Permissions.HardshipApprove, Permissions.HardshipPay,
    ];

    /// <summary>Role → the permissions it holds. The only place this is written down.</summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlySet<string>> Matrix = new Dictionary<string, IReadOnlySet<string>>
    {
        [Roles.FederationAdmin] = Set([
            .. UnionStaff, .. Approvals, Permissions.HotlineSupervise, Permissions.HotlineCallerLookup,
            Permissions.FundsAllocate, Permissions.FundsReverse, Permissions.SchemesManage, Permissions.FeeRefundsPolicy,
            Permissions.LoanProductsManage, Permissions.AuditRead, Permissions.CalendarsManage, Permissions.AccountsManage,
            Permissions.InnovationApprove, Permissions.InnovationPay, Permissions.LegalRoster, Permissions.SkillsManage, Permissions.SkillsMark, Permissions.SkillsPay,
            Permissions.CultureManage, Permissions.CultureModerate, Permissions.ServicesApprove, Permissions.ServicesPay, Permissions.JobsReview,
            Permissions.LaborAlerts, Permissions.LaborManage, Permissions.ModelWorkersManage, Permissions.ModelWorkersPay, Permissions.MemberCardManage, Permissions.MemberCardSettle,
            Permissions.LegalFees, Permissions.LegalPay, Permissions.LaborPay]),
        [Roles.DistrictStaff] = Set([.. UnionStaff, .. Approvals, Permissions.HotlineSupervise, Permissions.LegalRoster, Permissions.CultureManage,
            Permissions.CultureModerate, Permissions.ServicesApprove, Permissions.ServicesPay, Permissions.JobsReview, Permissions.LaborAlerts,
            Permissions.LaborManage, Permissions.MemberCardManage, Permissions.LegalFees, Permissions.LegalPay, Permissions.LaborPay]),
        [Roles.GrassrootsStaff] = Set([.. UnionStaff]),
        // The 12351 desk: takes and works requests, looks callers up (masked), reads venues; nothing else.
        [Roles.HotlineAgent] = Set(Permissions.HotlineIntake, Permissions.HotlineRead, Permissions.HotlineWork, Permissions.HotlineCallerLookup,
            Permissions.VenuesRead, Permissions.HotlineRevealPhone, Permissions.HotlinePrint),
        [Roles.Counsellor] = Set(Permissions.HotlineRead, Permissions.HotlineWork, Permissions.HotlineCallerLookup, Permissions.VenuesRead,
            Permissions.HotlineRevealPhone, Permissions.HotlinePrint),
        // Approves and pays; reads what it pays (a second approver above the threshold).
        [Roles.FundOfficer] = Set([
            Permissions.FundsRead, Permissions.ClaimsRead, Permissions.InsuranceClaimsRead, Permissions.FeeRefundsRead, Permissions.LoansRead,
            Permissions.HardshipRead, .. Approvals, Permissions.InnovationRead, Permissions.InnovationApprove, Permissions.InnovationPay,
            Permissions.SkillsRead, Permissions.SkillsPay,
            Permissions.ModelWorkersRead, Permissions.ModelWorkersPay, Permissions.MemberCardRead, Permissions.MemberCardSettle,
            Permissions.LegalPay, Permissions.LaborPay]),
        // Reads everything in scope and changes nothing.
        [Roles.Auditor] = Set([.. Read, Permissions.HotlineSupervise, Permissions.AuditRead]),
        // Reads only the files sampled for it (the hardship module narrows the reads) and records verdicts.
        [Roles.Evaluator] = Set(Permissions.HardshipRead, Permissions.HardshipEvaluate),
        // A contest judge (裁判): their own marking sheets, the competitors they may mark, nothing else.
        [Roles.Judge] = Set(Permissions.SkillsMark),
        // A merchant's cashier (会员卡商户): verifies member passes and redeems at their own merchant; nothing else.
        [Roles.Merchant] = Set(Permissions.MemberCardRedeem),
        // A roster lawyer or mediator (劳模律师, 调解员): the cases assigned to them and their statutory deadlines; nothing else.
        [Roles.Lawyer] = Set(Permissions.LegalMine),
        // A worker's own records: requests they filed, claims, loans, membership.
        [Roles.Worker] = Set(Permissions.SelfService, Permissions.HotlineIntake, Permissions.HotlineRead, Permissions.InsuranceClaimsRead,
            Permissions.CultureTake, Permissions.ModelWorkersSelf, Permissions.InnovationSelf),
    };

    /// <summary>Every permission named in <see cref="Permissions"/>, in declaration order.</summary>
    public static readonly IReadOnlyList<string> All = typeof(Permissions).GetFields()
        .Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).ToArray();

    public static string[] RolesWith(string permission) =>
        Roles.All.Where(r => Matrix.TryGetValue(r, out var p) && p.Contains(permission)).ToArray();

    public static bool Has(string role, string permission) => Matrix.TryGetValue(role, out var p) && p.Contains(permission);

    // Every role may end its own sessions and open its home page.
    private static IReadOnlySet<string> Set(params string[] permissions) =>
        permissions.Append(Permissions.OwnSessions).Append(Permissions.Home).ToHashSet(StringComparer.Ordinal);
}
