using System.Collections.Generic;
using System.Linq;
using SymbolicDiff.Generator.Differentiation;
using SymbolicDiff.Generator.Graph;

namespace SymbolicDiff.Generator.Simplification;

/// <summary>
/// Decides where each local adjoint is declared and removes the ones that are mere copies:
/// <list type="bullet">
/// <item>an adjoint with a single contribution that is just another adjoint or the seed, or its negation, is not
/// declared at all; its readers use that expression (so <c>(x+y)*z</c> needs no <c>df</c>);</item>
/// <item>an adjoint with a single contribution whose single reader just adds it to another adjoint
/// (<c>da[i] += dt</c>) is written straight into that reader (<c>da[i] += ds * b[i]</c>);</item>
/// <item>otherwise its first contribution declares it (<c>double dq = seed * z;</c>) when that contribution
/// is in the block that encloses all its uses, else <c>double dq = 0;</c> goes before the first use.</item>
/// </list>
/// Parameters' adjoints are the ref parameters of Backward and are never declared.
/// </summary>
internal static class AdjointPlanner
{
    private sealed class Site(Value value, List<(List<ReverseStatement> List, int Index)> path, bool isContribution)
    {
        public Value Value { get; } = value;

        public List<(List<ReverseStatement> List, int Index)> Path { get; } = path;

        public bool IsContribution { get; } = isContribution;

        public ReverseStatement Statement => Path[Path.Count - 1].List[Path[Path.Count - 1].Index];
    }

    /// <param name="names">Where a register made to break a cycle of carried adjoints is named.</param>
    public static void Plan(List<ReverseStatement> root, BackwardNames names)
    {
        FoldNegations(root);
        List<Site> sites = [];
        CollectSites(root, [], sites);

        var aliases = new Dictionary<Value, Expr>();
        var removed = new HashSet<ReverseStatement>();
        var declarations = new List<(List<ReverseStatement> List, int Index, Value Value)>();
        var firstContributions = new List<(Accumulate Accumulate, List<Site> Sites, int Depth, int Contributions)>();
        foreach (List<Site> valueSites in SitesByValue(sites))
        {
            Value value = valueSites[0].Value;
            int depth = CommonDepth(valueSites);
            int first = int.MaxValue;
            int contributions = 0;
            foreach (Site site in valueSites)
            {
                first = System.Math.Min(first, site.Path[depth].Index);
                contributions += site.IsContribution ? 1 : 0;
            }

            Site? direct = valueSites.Find(s => s.Path.Count == depth + 1 && s.Path[depth].Index == first && s.IsContribution);
            if (direct?.Statement is not Accumulate accumulate)
            {
                declarations.Add((valueSites[0].Path[depth].List, first, value));
            }
            else if (contributions == 1 && IsCopy(accumulate.Amount, ReadingStatements(valueSites)))
            {
                aliases[value] = accumulate.Amount;
                removed.Add(accumulate);
            }
            else
            {
                firstContributions.Add((accumulate, valueSites, depth, contributions));
            }
        }

        // After the copies are gone: a single contribution read once, by a plain "add this adjoint", moves into its reader.
        foreach ((Accumulate accumulate, List<Site> valueSites, int depth, int contributions) in firstContributions)
        {
            List<Site> reads = valueSites.Where(s => !s.IsContribution).ToList();
            if (contributions == 1 && CanMove(accumulate.Amount) && reads.Count == 1 && reads[0].Path.Count == depth + 1
                && reads[0].Statement is Accumulate { Amount: AdjointExpr read } reader && read.Value == accumulate.Target && !removed.Contains(reader))
            {
                // Values never change and adjoints read here are final, so moving the expression is safe.
                reader.Amount = accumulate.Amount;
                removed.Add(accumulate);
            }
            else
            {
                accumulate.Declares = true;
            }
        }

        foreach ((List<ReverseStatement> list, int index, Value value) in declarations.OrderByDescending(d => d.Index))
        {
            list.Insert(index, new DeclareAdjoint(value));
        }

        Rewrite(root, removed, aliases);
        FoldNegatedSums(ElementCarry.FlattenAll(root));
        OrderParallelSets(root, names);
    }

    /// <summary>
    /// The carried adjoints set at the end of a reverse iteration are one parallel assignment: each takes the
    /// value its amount has before any of them is set. After copies were resolved, an amount may read another
    /// one's target (<c>d1 = x1;</c> in the loop: <c>dd1 = 0; dx1 = dd1;</c> would read the new 0), so a set
    /// whose target a later one reads goes after it; in a cycle (a swap carried by the loop) one target's old
    /// value is kept in a register first (<c>double daOld = da;</c>).
    /// </summary>
    private static void OrderParallelSets(List<ReverseStatement> list, BackwardNames names)
    {
        for (int start = 0; start < list.Count; start++)
        {
            int end = start;
            while (end < list.Count && list[end] is SetAdjoint)
            {
                end++;
            }

            if (end - start > 1)
            {
                List<SetAdjoint> pending = list.GetRange(start, end - start).Cast<SetAdjoint>().ToList();
                List<ReverseStatement> ordered = [];
                while (pending.Count > 0)
                {
                    SetAdjoint? next = pending.FirstOrDefault(set => !pending.Any(other => other != set && Reads(other.Amount, set.Target)));
                    if (next is null)
                    {
                        next = pending[0];
                        Value target = next.Target;
                        var old = new Value(target.BaseName + "Old", target.TypeName, target.Numeric, isActive: true, ValueKind.Temporary);
                        names.Carries.Add(old);
                        ordered.Insert(0, new Accumulate(old, new AdjointExpr(target)) { Declares = true });
                        foreach (SetAdjoint other in pending.Where(other => other != next))
                        {
                            other.Amount = ExprRewriter.Rewrite(other.Amount, e => e is AdjointExpr { Index: null } read && read.Value == target ? new AdjointExpr(old) : e);
                        }
                    }

                    ordered.Add(next);
                    pending.Remove(next);
                }

                list.RemoveRange(start, end - start);
                list.InsertRange(start, ordered);
                end = start + ordered.Count;
            }

            start = System.Math.Max(start, end);
        }

        foreach (List<ReverseStatement> nested in list.SelectMany(s => s.Nested))
        {
            OrderParallelSets(nested, names);
        }
    }

    /// <summary>
    /// An adjoint whose one contribution is a negation (<c>dt6 = -(r * r)</c>) is kept without the sign where the
    /// sign can travel down its readers to one that negates already and cancel there: in the sigmoid's
    /// <c>dt4 = dt6 == 0 ? 0 : dt6 * t5; dt3 = -dt4;</c> both signs go and <c>dt3</c> is a copy of <c>dt4</c>. The
    /// same operations on the same magnitudes (negation is exact) and the same zero tests (-a == 0 exactly when
    /// a == 0); only a zero's sign may differ. A sign that would end on a reader that does not negate stays.
    /// </summary>
    private static void FoldNegations(List<ReverseStatement> root)
    {
        List<ReverseStatement> all = ElementCarry.FlattenAll(root);

        // Who touches which local adjoint does not change with a sign, so it is found once, in one pass over the
        // statements (in their order): each statement joins the list of every defined adjoint it contributes to or reads.
        var touching = new Dictionary<Value, List<ReverseStatement>>();
        foreach (Accumulate definition in all.OfType<Accumulate>().Where(a => a.Index is null && HasOwnDeclaration(a.Target)))
        {
            touching[definition.Target] = [];
        }

        AddTouching(all, touching);
        bool changed = true;
        while (changed)
        {
            changed = false;
            foreach (ReverseStatement statement in all)
            {
                if (statement is Accumulate definition && Unnegated(definition.Amount) is { } positive && SignCancels(touching, definition, depth: 0))
                {
                    definition.Amount = positive;
                    foreach (Accumulate reader in Readers(touching, definition)!)
                    {
                        reader.Amount = Unnegated(reader.Amount) ?? ExprSimplifier.Simplify(new UnaryExpr("-", reader.Amount));
                    }

                    changed = true;
                    break;
                }
            }
        }
    }

    /// <summary>
    /// An adjoint of several contributions that are all negations (the input of <c>1 - x</c> and <c>y - x * x</c>:
    /// <c>dt1 = -db; dt1 -= da * x[i] * 2.0;</c>) is kept without the sign when every reader adds it into an array's
    /// element, where the sign costs nothing: <c>dx[i] -= dt1</c>, and where <see cref="ElementCarry"/> writes the
    /// element once, <c>dx[i] = dxNext - dt1</c> instead of a negation in the loop. −(−a − b) is a + b exactly;
    /// only a zero's sign may differ, as above. Run after the copies are resolved: a sign that came from a copy
    /// (<c>dt2 = -da; dt1 += dt2 * x</c>) is then on the contribution itself.
    /// </summary>
    private static void FoldNegatedSums(List<ReverseStatement> all)
    {
        var touchingOf = new Dictionary<Value, List<ReverseStatement>>();
        foreach (Accumulate definition in all.OfType<Accumulate>().Where(a => a.Index is null && HasOwnDeclaration(a.Target)))
        {
            touchingOf[definition.Target] = [];
        }

        AddTouching(all.Where(s => s is not DeclareAdjoint), touchingOf);

        foreach (KeyValuePair<Value, List<ReverseStatement>> entry in touchingOf)
        {
            (Value adjoint, List<ReverseStatement> touching) = (entry.Key, entry.Value);
            if (!IsNegatedSum(adjoint, touching))
            {
                continue;
            }

            foreach (Accumulate statement in touching)
            {
                statement.Amount = statement.Target == adjoint ? Unnegated(statement.Amount)! : new UnaryExpr("-", statement.Amount);
            }
        }
    }

    /// <summary>
    /// Whether the statements touching <paramref name="adjoint"/> are two or more contributions that are negations (and do
    /// not read it) and at least one reader, each adding it into an array's element. Counted in one pass, with no lists:
    /// this asks it of every local adjoint.
    /// </summary>
    private static bool IsNegatedSum(Value adjoint, List<ReverseStatement> touching)
    {
        int contributions = 0, readers = 0;
        foreach (ReverseStatement statement in touching)
        {
            if (statement is not Accumulate accumulate)
            {
                return false;
            }

            if (accumulate.Target == adjoint)
            {
                if (Unnegated(accumulate.Amount) is null || Reads(accumulate.Amount, adjoint))
                {
                    return false;
                }

                contributions++;
            }
            else if (accumulate is { Index: not null, Amount: AdjointExpr { Index: null } read } && read.Value == adjoint)
            {
                readers++;
            }
            else
            {
                return false;
            }
        }

        return contributions >= 2 && readers > 0;
    }

    /// <summary>
    /// Adds each statement to the list of every adjoint in <paramref name="touching"/> it contributes to or reads, once
    /// (in one pass over the statements, in their order): a statement joins a list only while it is the one being read,
    /// so a repeat is the list's last entry.
    /// </summary>
    private static void AddTouching(IEnumerable<ReverseStatement> statements, Dictionary<Value, List<ReverseStatement>> touching)
    {
        List<Value> touched = [];
        foreach (ReverseStatement statement in statements)
        {
            touched.Clear();
            AddTouched(statement, touched);
            foreach (Value adjoint in touched)
            {
                if (touching.TryGetValue(adjoint, out List<ReverseStatement>? list) && (list.Count == 0 || list[list.Count - 1] != statement))
                {
                    list.Add(statement);
                }
            }
        }
    }

    /// <summary>
    /// Whether the negation of <paramref name="definition"/>'s adjoint cancels in every reader: one whose amount is
    /// negated already, or the one contribution of a local adjoint whose own sign cancels further down.
    /// </summary>
    private static bool SignCancels(Dictionary<Value, List<ReverseStatement>> touching, Accumulate definition, int depth)
    {
        if (depth >= 8 || !HasOddReaders(touching, definition, out List<ReverseStatement>? statements))
        {
            return false;
        }

        bool any = false;
        foreach (ReverseStatement statement in statements!)
        {
            if (statement != definition)
            {
                any = true;
                var reader = (Accumulate)statement;
                if (Unnegated(reader.Amount) is null && !SignCancels(touching, reader, depth + 1))
                {
                    return false;
                }
            }
        }

        return any;
    }

    /// <summary>
    /// The statements that read the adjoint <paramref name="definition"/> alone contributes to, if they are all
    /// additions odd in it; null if it is not a local adjoint with that one contribution.
    /// </summary>
    private static List<Accumulate>? Readers(Dictionary<Value, List<ReverseStatement>> touching, Accumulate definition) =>
        HasOddReaders(touching, definition, out List<ReverseStatement>? statements) ? [.. statements!.Where(s => s != definition).Cast<Accumulate>()] : null;

    /// <summary>Whether <see cref="Readers"/> has an answer, found without making its list; <paramref name="statements"/> are the adjoint's own and its readers.</summary>
    private static bool HasOddReaders(Dictionary<Value, List<ReverseStatement>> touching, Accumulate definition, out List<ReverseStatement>? statements)
    {
        statements = null;
        if (definition.Index is not null || !touching.TryGetValue(definition.Target, out statements))
        {
            return false;
        }

        foreach (ReverseStatement statement in statements)
        {
            if (statement != definition && !(statement is Accumulate reader && reader.Target != definition.Target && Odd(reader.Amount, definition.Target)))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary><c>-x</c> as <c>x</c>, and a zero test's <c>c ? 0 : -x</c> as <c>c ? 0 : x</c>; null for an amount that is not negated.</summary>
    private static Expr? Unnegated(Expr amount) => amount switch
    {
        UnaryExpr { Operator: "-" } negation => negation.Operand,
        ConditionalExpr { WhenTrue: LiteralExpr { Value: 0 } } test when Unnegated(test.WhenFalse) is { } positive => new ConditionalExpr(test.Condition, test.WhenTrue, positive),
        _ => null,
    };

    /// <summary>Adds the local adjoints a statement contributes to, then those it reads whole (a value may come twice).</summary>
    private static void AddTouched(ReverseStatement statement, List<Value> touched)
    {
        switch (statement)
        {
            case Accumulate accumulate:
                touched.Add(accumulate.Target);
                break;
            case SetAdjoint set:
                touched.Add(set.Target);
                break;
            case DeclareAdjoint declare:
                touched.Add(declare.Target);
                break;
            case BackwardCall call:
                touched.AddRange(call.Contributed);
                break;
            case ReverseLoop loop:
                foreach (Carried carried in loop.WithAdjoint)
                {
                    touched.Add(carried.Storage);
                }

                break;
        }

        foreach (Expr read in statement.Reads)
        {
            read.Visit(touched, static (node, list) =>
            {
                if (node is AdjointExpr { Index: null } adjoint)
                {
                    list.Add(adjoint.Value);
                }
            });
        }
    }

    /// <summary>Whether <paramref name="amount"/> changes sign with <paramref name="adjoint"/> (a zero test of it keeps its meaning).</summary>
    private static bool Odd(Expr amount, Value adjoint) => amount switch
    {
        AdjointExpr { Index: null } read => read.Value == adjoint,
        LiteralExpr { Value: 0 } => true,
        UnaryExpr { Operator: "-" } negation => Odd(negation.Operand, adjoint),
        CastExpr cast => Odd(cast.Operand, adjoint),
        BinaryExpr { Operator: "*" } product => (Odd(product.Left, adjoint) && !Reads(product.Right, adjoint)) || (Odd(product.Right, adjoint) && !Reads(product.Left, adjoint)),
        BinaryExpr { Operator: "/" } quotient => Odd(quotient.Left, adjoint) && !Reads(quotient.Right, adjoint),
        BinaryExpr { Operator: "+" or "-" } sum => Odd(sum.Left, adjoint) && Odd(sum.Right, adjoint),
        ConditionalExpr test when ZeroTest.Guards(test, adjoint) => Odd(test.WhenFalse, adjoint),
        ConditionalExpr choice => !Reads(choice.Condition, adjoint) && Odd(choice.WhenTrue, adjoint) && Odd(choice.WhenFalse, adjoint),
        _ => false,
    };

    private static bool Reads(Expr amount, Value adjoint) => amount.Any(adjoint, static (e, target) => e is AdjointExpr { Index: null } read && read.Value == target);

    /// <summary>
    /// A copy costs nothing to repeat at its readers: another adjoint, the seed or a literal. So does a negated
    /// one (the gate of a subtraction, <c>dt = -da</c>) read by one statement: the sign moves into it, where it
    /// usually folds (<c>dx += dt * y</c> becomes <c>dx -= da * y</c>, a zero test <c>-da == 0.0</c> tests
    /// <c>da</c>); read by several, it would be repeated in each.
    /// </summary>
    private static bool IsCopy(Expr amount, int readers) => amount is AdjointExpr { Index: null } or TextExpr or LiteralExpr
        || (readers <= 1 && amount is UnaryExpr { Operator: "-", Operand: AdjointExpr { Index: null } or TextExpr });

    /// <summary>An element's adjoint is reset when the element is overwritten, so it cannot be read later instead of now.</summary>
    private static bool CanMove(Expr amount) => !amount.Any(0, static (e, _) => e is AdjointExpr { Index: not null });

    private static void CollectSites(List<ReverseStatement> list, List<(List<ReverseStatement>, int)> prefix, List<Site> sites)
    {
        for (int i = 0; i < list.Count; i++)
        {
            List<(List<ReverseStatement>, int)> path = [.. prefix, (list, i)];
            switch (list[i])
            {
                case Accumulate accumulate:
                    AddReads(accumulate.Amount, path, sites);
                    AddContribution(accumulate.Target, path, sites);
                    break;
                case BackwardCall call:
                    if (call.Seed is not null)
                    {
                        AddReads(call.Seed, path, sites);
                    }

                    foreach (Value adjoint in call.Contributed)
                    {
                        AddContribution(adjoint, path, sites);
                    }

                    break;
                case ReverseLoop loop:
                    // A carried adjoint lives across reverse iterations: declare it before the loop.
                    foreach (Carried carried in loop.WithAdjoint)
                    {
                        AddContribution(carried.Storage, path, sites);
                    }

                    break;
                case SetAdjoint set:
                    AddReads(set.Amount, path, sites);
                    AddContribution(set.Target, path, sites);
                    break;
            }

            foreach (List<ReverseStatement> nested in list[i].Nested)
            {
                CollectSites(nested, path, sites);
            }
        }
    }

    private static void AddReads(Expr expr, List<(List<ReverseStatement>, int)> path, List<Site> sites)
    {
        foreach (AdjointExpr read in expr.Walk().OfType<AdjointExpr>())
        {
            if (HasOwnDeclaration(read.Value))
            {
                sites.Add(new Site(read.Value, path, isContribution: false));
            }
        }
    }

    private static void AddContribution(Value? value, List<(List<ReverseStatement>, int)> path, List<Site> sites)
    {
        if (value is not null && HasOwnDeclaration(value))
        {
            sites.Add(new Site(value, path, isContribution: true));
        }
    }

    /// <summary>Parameters' adjoints are parameters of Backward; arrays' adjoints are spans declared with the array.</summary>
    private static bool HasOwnDeclaration(Value value) => value.Kind != ValueKind.Parameter && !value.IsArray;

    /// <summary>The deepest statement list that holds every site of a value.</summary>
    private static int CommonDepth(List<Site> sites)
    {
        for (int depth = 0; ; depth++)
        {
            foreach (Site site in sites)
            {
                if (site.Path.Count <= depth + 1 || site.Path[depth + 1].List != sites[0].Path[depth + 1].List)
                {
                    return depth;
                }
            }
        }
    }

    /// <summary>The sites grouped by the adjoint they touch, groups in the order of their first site, as <c>GroupBy</c> gives them.</summary>
    private static List<List<Site>> SitesByValue(List<Site> sites)
    {
        var groups = new List<List<Site>>();
        var byValue = new Dictionary<Value, List<Site>>();
        foreach (Site site in sites)
        {
            if (!byValue.TryGetValue(site.Value, out List<Site>? group))
            {
                byValue[site.Value] = group = [];
                groups.Add(group);
            }

            group.Add(site);
        }

        return groups;
    }

    /// <summary>How many different statements read the adjoint (its sites that are not contributions).</summary>
    private static int ReadingStatements(List<Site> valueSites)
    {
        var statements = new HashSet<ReverseStatement>();
        foreach (Site site in valueSites)
        {
            if (!site.IsContribution)
            {
                statements.Add(site.Statement);
            }
        }

        return statements.Count;
    }

    private static void Rewrite(List<ReverseStatement> list, HashSet<ReverseStatement> removed, Dictionary<Value, Expr> aliases)
    {
        list.RemoveAll(removed.Contains);
        foreach (ReverseStatement statement in list)
        {
            switch (statement)
            {
                case Accumulate accumulate:
                    accumulate.Amount = Resolve(accumulate.Amount, aliases);
                    break;
                case BackwardCall { Seed: { } seed } call:
                    call.Seed = Resolve(seed, aliases);
                    break;
                case SetAdjoint set:
                    set.Amount = Resolve(set.Amount, aliases);
                    break;
            }

            foreach (List<ReverseStatement> nested in statement.Nested)
            {
                Rewrite(nested, removed, aliases);
            }
        }
    }

    private static Expr Resolve(Expr expr, Dictionary<Value, Expr> aliases) =>
        ExprSimplifier.Simplify(ExprRewriter.Rewrite(
            expr,
            e => e is AdjointExpr adjoint && aliases.TryGetValue(adjoint.Value, out Expr? alias) ? Resolve(alias, aliases) : e));
}
