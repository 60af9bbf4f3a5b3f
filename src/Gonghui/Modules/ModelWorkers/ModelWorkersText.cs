namespace Gonghui.Modules.ModelWorkers;

/// <summary>Marker for the ModelWorkers module's resources (ModelWorkersText.resx, ModelWorkersText.en.resx; edit ModelWorkersText.tsv).</summary>
public sealed class ModelWorkersText;
