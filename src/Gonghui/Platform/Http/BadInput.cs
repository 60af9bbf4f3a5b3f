namespace Gonghui.Platform.Http;

/// <summary>
/// Input the platform refuses wherever it is found (a JSON guard, a file reader, a parser deep in a handler): the
/// exception handler answers it as a 400 validation problem naming <see cref="Field"/>, never as a 500.
/// </summary>
public sealed class BadInputException(string field, string message, string code = "input.invalid") : Exception(message)
{
    public string Field { get; } = field;
    /// <summary>A stable machine code beside the message (e.g. <c>money.tooLarge</c>).</summary>
    public string Code { get; } = code;
}
