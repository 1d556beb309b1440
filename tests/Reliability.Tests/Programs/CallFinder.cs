using System.Collections.Immutable;
using System.Linq;

namespace SymbolicDiff.Reliability.Tests.Programs;

/// <summary>Whether a method calls another method of its program (second order chains only through callees with Derivatives.Hessian, which the helpers do not ask for: SDIFF0016).</summary>
public static class CallFinder
{
    public static bool CallsAnotherMethod(Method method) => Any(method.Body);

    static bool Any(ImmutableArray<Stmt> block) => block.Any(Calls);

    static bool Calls(Stmt statement) => statement switch
    {
        CallStatement => true,
        Declare d => Calls(d.Value),
        Assign a => Calls(a.Value),
        If i => Calls(i.Test) || Any(i.Then) || (i.Else is { } e && Any(e)),
        Return r => r.Value is { } v && Calls(v),
        Loop l => Any(l.Body) || (l.Extra is { } x && Calls(x)),
        ForEach f => Any(f.Body),
        RefLocal r => r.Use is { } u && Calls(u),
        Switch w => Calls(w.Selector) || w.Sections.Any(s => Any(s.Body)) || (w.Default is { } d && Any(d)),
        Guard g => Calls(g.Value),
        CountedWrites c => c.Values.Any(Calls),
        LocalArray a => a.Values.Any(Calls),
        _ => false,
    };

    static bool Calls(Expr e) => e switch
    {
        Call => true,
        Negate n => Calls(n.Operand),
        Binary b => Calls(b.Left) || Calls(b.Right),
        MathCall m => m.Args.Any(Calls),
        SignOf s => Calls(s.Operand),
        Conditional c => Calls(c.Test) || Calls(c.WhenTrue) || Calls(c.WhenFalse),
        SwitchExpr w => Calls(w.Selector) || w.Arms.Any(a => Calls(a.Value)) || Calls(w.Default),
        AssignExpr a => Calls(a.Value),
        OrThrow t => Calls(t.Test) || Calls(t.Value),
        _ => false,
    };

    static bool Calls(Selector s) => s.Value is { } v && Calls(v);

    static bool Calls(Cond c) => c switch
    {
        Compare k => Calls(k.Left) || Calls(k.Right),
        Logical l => Calls(l.Left) || Calls(l.Right),
        Not n => Calls(n.Operand),
        _ => false,
    };
}
