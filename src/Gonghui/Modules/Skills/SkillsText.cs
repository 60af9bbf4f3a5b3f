namespace Gonghui.Modules.Skills;

/// <summary>Marker for the Skills module's resources (SkillsText.resx, SkillsText.en.resx; edit SkillsText.tsv).</summary>
public sealed class SkillsText;
