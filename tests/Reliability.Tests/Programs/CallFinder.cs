using System.Collections.Generic;
using System.Linq;

namespace SymbolicDiff.Reliability.Tests.Programs;

/// <summary>
/// Which methods of its program a method calls. Second order chains through a scalar-valued callee with
/// <c>Derivatives.Forward | Derivatives.Hessian</c> (which the printer gives the scalar helper of a program
/// checked in second order), but a call to a vector-valued method is SDIFF0016 in second order.
/// </summary>
public static class CallFinder
{
    public static bool CallsVectorValuedMethod(RandomProgram program, Method method)
    {
        var called = Calls(method.Body).ToHashSet();
        return program.Methods.Any(m => m.IsVectorValued && called.Contains(m.Name));
    }

    public static bool CallsMethod(Method caller, string callee) => Calls(caller.Body).Contains(callee);

    static IEnumerable<string> Calls(IEnumerable<Stmt> block) => block.SelectMany(Calls);

    static IEnumerable<string> Calls(Stmt statement) => statement switch
    {
        CallStatement c => Calls(c.Call),
        Declare d => Calls(d.Value),
        Assign a => Calls(a.Value),
        If i => Calls(i.Test).Concat(Calls(i.Then)).Concat(i.Else is { } e ? Calls(e) : []),
        Return r => r.Value is { } v ? Calls(v) : [],
        Loop l => Calls(l.Body).Concat(l.Extra is { } x ? Calls(x) : []),
        ForEach f => Calls(f.Body),
        RefLocal r => r.Use is { } u ? Calls(u) : [],
        Switch w => Calls(w.Selector).Concat(w.Sections.SelectMany(s => Calls(s.Body))).Concat(w.Default is { } d ? Calls(d) : []),
        Guard g => Calls(g.Value),
        CountedWrites c => c.Values.SelectMany(Calls),
        BulkWrite b => b.Value is { } v ? Calls(v) : [],
        LocalArray a => a.Values.SelectMany(Calls),
        Deconstruction d => d.Values.SelectMany(Calls).Concat(d.SinCosOf is { } angle ? Calls(angle) : []),
        _ => [],
    };

    static IEnumerable<string> Calls(Expr e) => e switch
    {
        Call c => [c.Method, .. c.Args.OfType<ScalarArgument>().SelectMany(a => Calls(a.Value))],
        Negate n => Calls(n.Operand),
        Binary b => Calls(b.Left).Concat(Calls(b.Right)),
        MathCall m => m.Args.SelectMany(Calls),
        StepOf s => Calls(s.Operand),
        SinCosPart p => Calls(p.Angle),
        Conditional c => Calls(c.Test).Concat(Calls(c.WhenTrue)).Concat(Calls(c.WhenFalse)),
        SwitchExpr w => Calls(w.Selector).Concat(w.Arms.SelectMany(a => Calls(a.Value))).Concat(Calls(w.Default)),
        AssignExpr a => Calls(a.Value),
        OrThrow t => Calls(t.Test).Concat(Calls(t.Value)),
        _ => [],
    };

    static IEnumerable<string> Calls(Selector s) => s.Value is { } v ? Calls(v) : s.Pair.IsDefault ? [] : s.Pair.SelectMany(Calls);

    static IEnumerable<string> Calls(Cond c) => c switch
    {
        Compare k => Calls(k.Left).Concat(Calls(k.Right)),
        Logical l => Calls(l.Left).Concat(Calls(l.Right)),
        Not n => Calls(n.Operand),
        _ => [],
    };
}
