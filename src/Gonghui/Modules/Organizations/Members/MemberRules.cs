using System.Globalization;
using Gonghui.Platform.Ids;
using Gonghui.Platform.Security;

namespace Gonghui.Modules.Organizations.Members;

/// <summary>A field error as a resource key ("id.checksum"); the edge (API, page, import report) puts it into words.</summary>
public readonly record struct FieldError(string Field, string Code);

/// <summary>A member's personal fields after validation and normalisation.</summary>
public sealed record MemberFields(string Name, ResidentIdInfo Id, string? Phone, EmploymentType EmploymentType, DateOnly JoinedOn, string? CardNumber);

/// <summary>Validation shared by the API, the pages and the importer, so one rule set decides what a member may be.</summary>
public static class MemberRules
{
    public static MemberFields? Validate(string? name, string? idNumber, string? phone, string? employmentType, string? joinedOn,
        string? cardNumber, List<FieldError> errors, DateOnly today)
    {
        var n = (name ?? "").Trim();
        if (n.Length == 0) errors.Add(new("name", "member.name.required"));
        else if (n.Length > 50) errors.Add(new("name", "member.name.length"));

        ResidentIdInfo id = default;
        if (string.IsNullOrWhiteSpace(idNumber)) errors.Add(new("idNumber", "member.id.required"));
        else if (!ResidentId.TryParse(idNumber, out id, out var idError)) errors.Add(new("idNumber", idError));

        string? normalizedPhone = null;
        if (!string.IsNullOrWhiteSpace(phone) && !MobilePhone.TryParse(phone, out normalizedPhone)) errors.Add(new("phone", "phone.invalid"));

        var type = EmploymentType.Regular;
        if (!string.IsNullOrWhiteSpace(employmentType) && !TryParseEmploymentType(employmentType, out type))
            errors.Add(new("employmentType", "member.employmentType.invalid"));

        var joined = today;
        if (!string.IsNullOrWhiteSpace(joinedOn))
        {
            if (!DateOnly.TryParseExact(joinedOn.Trim(), ["yyyy-MM-dd", "yyyy/M/d", "yyyy/MM/dd", "yyyyMMdd", "yyyy-M-d"], CultureInfo.InvariantCulture, DateTimeStyles.None, out joined))
                errors.Add(new("joinedOn", "member.joinedOn.invalid"));
            else if (joined > today) errors.Add(new("joinedOn", "member.joinedOn.future"));
        }

        var card = string.IsNullOrWhiteSpace(cardNumber) ? null : cardNumber.Trim();
        if (card is { Length: > 32 }) errors.Add(new("cardNumber", "member.cardNumber.length"));

        return errors.Count == 0 ? new MemberFields(n, id, normalizedPhone, type, joined, card) : null;
    }

    /// <summary>Accepts the enum name or the Chinese words used on spreadsheets (正式职工, 劳务派遣, 灵活就业…).</summary>
    public static bool TryParseEmploymentType(string text, out EmploymentType type)
    {
        var t = text.Trim();
        switch (t)
        {
            case "正式" or "正式职工" or "合同制" or "regular": type = EmploymentType.Regular; return true;
            case "劳务派遣" or "派遣" or "劳务派遣工" or "dispatch": type = EmploymentType.DispatchWorker; return true;
            case "灵活就业" or "新就业形态" or "新业态" or "flexible": type = EmploymentType.FlexibleWorker; return true;
        }
        return Enum.TryParse(t, ignoreCase: true, out type) && Enum.IsDefined(type);
    }

    /// <summary>Stores the ID number and phone encrypted, with keyed hashes for look-up and masked copies for lists.</summary>
    public static void ApplyPersonalData(Member m, MemberFields f, PersonalDataProtector protector)
    {
        m.Name = f.Name;
        m.IdNumberCipher = protector.Encrypt(f.Id.Number);
        m.IdNumberHash = protector.Hash(f.Id.Number);
        m.IdNumberMasked = ResidentId.Mask(f.Id.Number);
        m.Sex = f.Id.Sex;
        m.BirthDate = f.Id.BirthDate;
        m.PhoneCipher = f.Phone is null ? null : protector.Encrypt(f.Phone);
        m.PhoneHash = f.Phone is null ? null : protector.Hash(f.Phone);
        m.PhoneMasked = f.Phone is null ? null : MobilePhone.Mask(f.Phone);
        m.EmploymentType = f.EmploymentType;
        m.JoinedOn = f.JoinedOn;
        m.CardNumber = f.CardNumber;
    }
}
