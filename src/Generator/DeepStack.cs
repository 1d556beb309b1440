using System;
using System.Collections.Generic;
using System.Runtime.ExceptionServices;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace SymbolicDiff.Generator;

/// <summary>
/// Runs the work for one method on a stack that fits it. Every phase recurses over expressions, once per
/// level (a sum of n terms is n levels deep), and a stack overflow cannot be caught: it kills the compiler.
/// A 1 MB stack (Windows' default) held about 700 levels. A method nested deeper than
/// <see cref="InlineDepth"/> runs on a thread of its own whose stack grows with its depth; the rest, nearly
/// every method, run where they are.
/// </summary>
internal static class DeepStack
{
    /// <summary>Well under what a 1 MB stack holds.</summary>
    private const int InlineDepth = 150;

    /// <summary>Stack per level of syntax, with room to spare over what the phases were measured to use.</summary>
    private const long BytesPerLevel = 16 * 1024;

    public static T Run<T>(SyntaxNode node, Func<T> work)
    {
        int depth = Depth(node);
        if (depth <= InlineDepth)
        {
            return work();
        }

        T result = default!;
        ExceptionDispatchInfo? failure = null;
        var thread = new Thread(
            () =>
            {
                try
                {
                    result = work();
                }
                catch (Exception exception)
                {
                    failure = ExceptionDispatchInfo.Capture(exception);
                }
            },
            (int)Math.Min(int.MaxValue, (1L << 20) + depth * BytesPerLevel));
        thread.Start();
        thread.Join();
        failure?.Throw();
        return result;
    }

    /// <summary>The deepest level of <paramref name="root"/>'s syntax, counted without recursion.</summary>
    /// <remarks>
    /// Children are read through <see cref="SyntaxNode.ChildNodesAndTokens"/>, whose list and enumerator are structs:
    /// <see cref="SyntaxNode.ChildNodes"/> allocates an iterator per node, and this runs twice for every method.
    /// </remarks>
    private static int Depth(SyntaxNode root)
    {
        int deepest = 0;
        var pending = new Stack<(SyntaxNode Node, int Depth)>();
        pending.Push((root, 1));
        while (pending.Count > 0)
        {
            (SyntaxNode node, int depth) = pending.Pop();
            deepest = Math.Max(deepest, depth);
            foreach (SyntaxNodeOrToken child in node.ChildNodesAndTokens())
            {
                if (child.AsNode() is { } childNode)
                {
                    pending.Push((childNode, depth + 1));
                }
            }
        }

        return deepest;
    }
}
