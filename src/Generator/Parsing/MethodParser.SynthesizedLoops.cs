using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using SymbolicDiff.Generator.Graph;

namespace SymbolicDiff.Generator.Parsing;

/// <summary>
/// Loops the generator writes for a construct that is a loop in disguise: a copy of an array, a bulk write, LINQ's sum, mean,
/// maximum and minimum. Each is <c>for (int i = start; i &lt; length; i++) { … }</c> as a loop of the graph, as if the user had
/// written it, so the reverse pass, the tape, fusion and vectorization treat it as any loop.
/// </summary>
internal sealed partial class MethodParser
{
    /// <summary>
    /// A loop over <c>i = start, …, length − 1</c> whose body is what <paramref name="body"/> lowers, given i. The variables of
    /// <paramref name="carried"/> (keys of the environment, with their values before the loop there) go from one iteration to
    /// the next, differentiable or not as said; after the loop the environment holds their values at its end.
    /// </summary>
    private void SynthesizedLoop(IOperation operation, string start, Expr length, IReadOnlyList<(object Key, bool Active)> carried, Action<Expr> body)
    {
        var key = new object();
        DefineIndex(key, new TextExpr(start, isPure: true));
        List<Carried> variables = [Carry(key, environment[key], active: false), .. carried.Select(c => Carry(c.Key, environment[c.Key], c.Active))];
        List<object> keys = [key, .. carried.Select(c => c.Key)];
        Dictionary<object, Value> before = environment;
        Block outer = current;

        environment = new Dictionary<object, Value>(before, VariableComparer.Instance);
        for (int k = 0; k < keys.Count; k++)
        {
            environment[keys[k]] = variables[k].Header;
        }

        current = new Block();
        body(new UseExpr(variables[0].Header));
        DefineIndex(key, new BinaryExpr("+", new UseExpr(variables[0].Header), new TextExpr("1", isPure: true)));
        for (int k = 0; k < keys.Count; k++)
        {
            variables[k].Final = environment[keys[k]];
        }

        Block loopBody = current;
        current = outer;
        environment = new Dictionary<object, Value>(before, VariableComparer.Instance);
        for (int k = 0; k < keys.Count; k++)
        {
            environment[keys[k]] = variables[k].Storage;
        }

        var count = new Value("count", "int", NumericType.None, isActive: false, ValueKind.Temporary);
        Expr test = new BinaryExpr("<", new UseExpr(variables[0].Storage), length);
        current.Statements.Add(new Loop(count, variables, test, testFirst: true, loopBody, breakFlag: null) { WrittenAsFor = true, Position = operation.Syntax.SpanStart });
    }

    /// <summary>
    /// A reduction of an array into one carried variable named <paramref name="name"/>, from <paramref name="init"/>:
    /// <paramref name="step"/> lowers an iteration's update, given the key of the variable in the environment and the index.
    /// Its values are named as a user's variable is, so the loop prints as <c>sum += w[i];</c>. The value after the loop.
    /// </summary>
    private Value Reduction(IOperation operation, string name, Value init, string start, Expr length, Action<object, Expr> step)
    {
        var key = new object();
        environment[key] = init;
        Name(init);
        SynthesizedLoop(operation, start, length, [(key, true)], index =>
        {
            step(key, index);
            Name(environment[key]);
        });
        Value after = environment[key];
        environment.Remove(key);
        return after;

        void Name(Value value)
        {
            value.BaseName = name;
            value.Kind = ValueKind.Local;
        }
    }
}
