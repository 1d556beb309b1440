namespace SymbolicDiff.Generator.Model;

/// <summary>
/// A call in generated code to another method's generated companion (<c>GBackward</c>): the callee's
/// documentation id, its name for messages, and the call's location. The pipeline checks that the callee
/// got its companions (see <see cref="FailedCallees"/>).
/// </summary>
public sealed record CompanionCall(string CalleeId, string CalleeName, LocationInfo? Location);
