namespace SymbolicDiff.Reliability.Tests.Programs;

/// <summary>
/// Which constructs the random programs use. <see cref="Ci"/> is what `dotnet test` runs. Since the
/// fixes of issue 7 it has every construct; when a new bug class is found, turn its construct's flag
/// off in <see cref="Ci"/> (saying why, and listing the class in docs/reliability-findings.md) until the
/// fix lands. <see cref="Soak"/> always has everything.
/// </summary>
public sealed record Grammar
{
    /// <summary>
    /// C# 14 extension members (a method, a property, a static method) read from constants. Was a bug (F39): written
    /// as the user wrote them, they needed the user's usings in the generated file (CS1061, CS0117).
    /// </summary>
    public bool ExtensionMembers { get; init; } = true;

    /// <summary>
    /// <c>Array.BinarySearch(knots, e)</c> of a differentiable e, an int factor (a step of e). Was SDIFF0004 (F45): a
    /// function of .NET given a differentiable number and giving a step is now a constant, as Math.Sign is.
    /// </summary>
    public bool FrameworkSteps { get; init; } = true;

    /// <summary>
    /// Scalar helpers with an optional constant array, <c>[NoDiff] T[]? c</c>, passed null or an array, read through a
    /// null test, <c>?.</c> or <c>??</c>. Was refused (F47): the null test as the array "passed on", the rest as "Coalesce".
    /// </summary>
    public bool OptionalArrays { get; init; } = true;

    /// <summary>A local declared by an out argument of a call of constants, <c>StepKnots.TryAt(i, out double o0);</c> (F48: was SDIFF0006).</summary>
    public bool OutArguments { get; init; } = true;

    /// <summary>
    /// The scalar helper, when it is one expression the generator lowers at its calls (<c>?:</c> too), declared as a
    /// local function of the entry instead: <c>static T H(T u0) =&gt; e;</c> after the return, or <c>T H(T u0) { return e; }</c>
    /// first. Was SDIFF0006 (F49): a call of a local function.
    /// </summary>
    public bool LocalFunctions { get; init; } = true;

    /// <summary>
    /// foreach over a slice of an array from element 1 (<c>a0.AsSpan(1)</c>, <c>s0[1..]</c>, <c>s0.Slice(1, n - 1)</c>), by value or
    /// <c>ref readonly</c>. Was a silently zero gradient (F52): the element was read as the slice's, a constant.
    /// </summary>
    public bool SliceLoops { get; init; } = true;

    /// <summary>
    /// The element-wise sum last before the return (<see cref="VectorLoops"/>) nested in a loop of two iterations that
    /// scales it after each: <c>for (int p = 0; p &lt; 2; p++) { for (…) lanes += e; lanes *= Math.Cos(x0); }</c>. Was a wrong value
    /// (F53): the vector lanes added into the sum's name, not the variable the scalar loop carries it in.
    /// </summary>
    public bool NestedVectorLoops { get; init; } = true;

    /// <summary>
    /// Local arrays made by collection expressions, <c>T[] w = [e0, e1]</c> and <c>Span&lt;T&gt; w = [e0, e1]</c>, among the other
    /// ways. Was SDIFF0006 (F54): "a collection expression".
    /// </summary>
    public bool CollectionExpressions { get; init; } = true;

    /// <summary>
    /// Switches (expressions and statements) on a pair of conditions, <c>(a &lt; b, c &gt;= d) switch { (true, false) =&gt; …, _ =&gt; … }</c>.
    /// Was SDIFF0006 (F57): a tuple of bools taken for a value that would lose a gradient.
    /// </summary>
    public bool TupleSwitches { get; init; } = true;

    /// <summary>
    /// Constant data in lists and pairs: <c>StepKnots.DoubleList[i0 % 5]</c> as a constant, foreach over that list, and foreach
    /// deconstructing <c>StepKnots.DoublePairs</c>, <c>foreach ((T v0, T v0w) in …)</c>. Was SDIFF0006 "(PropertyReference)" (F55)
    /// and SDIFF0005 (F56).
    /// </summary>
    public bool ListData { get; init; } = true;

    /// <summary>
    /// A vector-valued method's output read back after it is written, <c>y[i] = e; y[i] *= y[i] * e2;</c> in the loop that
    /// writes every output. Was SDIFF0010 (F58): "both read and written".
    /// </summary>
    public bool OutputReads { get; init; } = true;

    /// <summary>
    /// Local arrays copied from an array or span, <c>(T[])a0.Clone()</c>, <c>a0[..k]</c>, <c>a0.AsSpan(0, k).ToArray()</c>, <c>s0.ToArray()</c>,
    /// <c>s0.Slice(0, k).ToArray()</c>, then written and read as any local array. Was SDIFF0004 and SDIFF0006 (F60).
    /// </summary>
    public bool ArrayCopies { get; init; } = true;

    /// <summary>
    /// A read-only local table, <c>ReadOnlySpan&lt;T&gt; w = stackalloc T[] { e0, e1 };</c>, of constants or of differentiable values.
    /// Was CS8331 in generated code (F63): the local stayed a ReadOnlySpan that the generated code stored into.
    /// </summary>
    public bool ReadOnlyTables { get; init; } = true;

    /// <summary>
    /// The scalar helper's array parameter declared <c>params</c> (when it is the last), and the entry starting with a call that
    /// passes its values one by one, <c>T p0 = H(e, e0, e1);</c>. Was SDIFF0006 (F64): "passes a params array or span".
    /// </summary>
    public bool ParamsCalls { get; init; } = true;

    /// <summary>
    /// Bulk writes into local arrays and outputs: <c>Array.Fill</c>, <c>Array.Clear</c>, <c>Array.Copy</c> (within one array too),
    /// <c>Span.Fill</c>, <c>Span.Clear</c>, <c>CopyTo</c>, of whole arrays and of slices; an output cleared or filled whole before
    /// it is added to. Were SDIFF0006 and SDIFF0010 (F67).
    /// </summary>
    public bool BulkWrites { get; init; } = true;

    /// <summary>
    /// LINQ's <c>a0.Sum()</c>, <c>w0.Average()</c>, <c>a0.Max()</c>, <c>w0.Min()</c> of a parameter or local <c>T[]</c>, read as any number is, in guards and
    /// pattern selectors too. Was SDIFF0006 (F68): "converting the differentiable array to IEnumerable".
    /// </summary>
    public bool Sums { get; init; } = true;

    /// <summary>if/else, ?:, early return.</summary>
    public bool Branches { get; init; } = true;

    /// <summary>for/while/do/foreach, break/continue, array parameters, local arrays, element writes.</summary>
    public bool Loops { get; init; } = true;

    /// <summary>Calls between the methods of a program: scalar, array, slice and vector-valued callees.</summary>
    public bool Calls { get; init; } = true;

    /// <summary>Programs in float (MathF) as well as double.</summary>
    public bool Float { get; init; } = true;

    /// <summary>
    /// Assignments to scalar parameters (<c>x0 += …</c>). Reported in issue 7 §1 (Backward overwriting
    /// the adjoint of a reassigned parameter); never seen here.
    /// </summary>
    public bool ReassignParameters { get; init; } = true;

    /// <summary>
    /// Exp, Sinh, Cosh and Pow of unbounded arguments, so intermediate values may overflow to infinity,
    /// and Cbrt of any value, whose derivative is infinite at 0. Off, every growing function gets a
    /// bounded argument (Exp(Sin(e)), …) and Cbrt one away from 0. Issue 7 §1 (F4): an infinite local
    /// derivative of a value the result does not depend on turned live gradients into NaN; the activity
    /// analysis fixed that for values that reach nothing, but not yet for an array element that is
    /// overwritten before it is read (F7: its zero adjoint still meets the infinity), so this stays off
    /// in <see cref="Ci"/>.
    /// </summary>
    public bool Overflow { get; init; }

    /// <summary>
    /// A local <c>T[]</c> passed to a callee whose parameter is <c>T[]</c> (off: callees take
    /// <c>ReadOnlySpan&lt;T&gt;</c>). Was a bug (issue 7 §2, F6): CS1503 in generated code.
    /// </summary>
    public bool ArrayTypedCalleeParameters { get; init; } = true;

    /// <summary>
    /// A vector-valued callee that writes only some elements of its output. Was a bug (issue 7 §1): the
    /// caller cleared the whole output adjoint.
    /// </summary>
    public bool PartialOutputWrites { get; init; } = true;

    /// <summary>
    /// Max and Min of a variable and itself (<c>Math.Max(x, x)</c>), and copies (<c>double t = x;</c>)
    /// that make a condition compare a value with itself once the generator has folded the copy.
    /// Was a bug (issue 7 §2, F1, F2): CS1718 warnings (comparison to the same variable) in generated code.
    /// </summary>
    public bool SelfComparisons { get; init; } = true;

    /// <summary>
    /// A constant assigned to a local (<c>t = 0.5;</c>) or as an arm of <c>c ? 1.0 : x</c>. Was a bug
    /// (issue 7 §2, F3): when the value is dead, the generated code declared a local assigned only
    /// constants (CS0219 warning).
    /// </summary>
    public bool ConstantAssignments { get; init; } = true;

    /// <summary>
    /// <c>return</c> inside branches and loops. Was a bug found on main at dab48e3
    /// (docs/reliability-findings.md F5): the skip-flag lowering of early exits declared temporaries
    /// that were assigned and never read (CS0219 in generated code, about 1 program in 80).
    /// </summary>
    public bool EarlyReturns { get; init; } = true;

    /// <summary>
    /// Asinh, Acosh, Atanh, CopySign, and double./float. Hypot, ExpM1, Exp2, Exp10, Exp2M1, Exp10M1, LogP1, Log2P1, Log10P1, Lerp,
    /// DegreesToRadians, RadiansToDegrees, SinPi, CosPi, TanPi, AsinPi, AcosPi, AtanPi, Atan2Pi, RootN, MaxNumber, MinNumber,
    /// MaxMagnitudeNumber, MinMagnitudeNumber, Ieee754Remainder; and ScaleB, ReciprocalEstimate, ReciprocalSqrtEstimate,
    /// MaxMagnitude, MinMagnitude, IEEERemainder, BitIncrement, BitDecrement (Math/MathF).
    /// </summary>
    public bool MoreFunctions { get; init; } = true;

    /// <summary><c>ref</c> and <c>ref readonly</c> locals (to elements, scalar locals and parameters), <c>foreach (ref …)</c>.</summary>
    public bool RefLocals { get; init; } = true;

    /// <summary>Switch statements and expressions: constant integer selectors, relational patterns on values.</summary>
    public bool Switches { get; init; } = true;

    /// <summary>Guards and logging: throw statements and expressions, ThrowIf… helpers, Debug.Assert, Console.WriteLine.</summary>
    public bool Guards { get; init; } = true;

    /// <summary><c>x[^k]</c>, <c>x[^(i + 1)]</c>, and ranges (<c>a[1..]</c>, <c>s[..^1]</c>) passed to span parameters.</summary>
    public bool IndexFromEnd { get; init; } = true;

    /// <summary>
    /// Integer <c>++</c>/<c>--</c> inside expressions (<c>while (++i &lt; n)</c>, <c>while (i-- &gt; 0)</c>,
    /// <c>w[k++] = …</c>), chained assignment (<c>a = b = e</c>) and assignments inside expressions.
    /// </summary>
    public bool SideEffects { get; init; } = true;

    /// <summary>Loop conditions that read elements (<c>i &lt; n &amp;&amp; a[i] &gt; e</c>) and a do/while on a variable first assigned in its body.</summary>
    public bool RichLoopConditions { get; init; } = true;

    /// <summary>
    /// Swaps through a temporary, of two variables or two elements of a local array. Was a bug (F20): in a
    /// loop, the carried adjoints set at the end of a reverse iteration read one another's new values.
    /// </summary>
    public bool Swaps { get; init; } = true;

    /// <summary>
    /// Deconstructions: <c>(a, b) = (e1, e2);</c> of two or three variables (a parallel assignment: the parts may read the
    /// targets), <c>(T n1, T n2) = (e1, e2);</c>, and the pair of SinCos, <c>var (s, c) = Math.SinCos(e);</c>, <c>(a, b) = Math.SinCos(e);</c>
    /// and <c>Math.SinCos(e).Sin</c> in expressions.
    /// </summary>
    public bool Deconstructions { get; init; } = true;

    /// <summary><c>a % b</c> of differentiable values, b bounded away from 0 as a divisor is.</summary>
    public bool Remainders { get; init; } = true;

    /// <summary>
    /// Top-level loops of one statement, <c>t = Math.Max(t, e)</c> or Min, either operand first: their backward
    /// pass takes the old values of t from a trace instead of the tape (RunningExtremes in the generator).
    /// </summary>
    public bool RunningExtrema { get; init; } = true;

    /// <summary>
    /// A running extremum t, then <c>acc += Exp(e − t)</c> in a loop and <c>x op= Log(acc) + t</c>: a log-sum-exp whose
    /// result does not depend on t, which the generator then stops (ShiftInvariance) — unless later code reads t.
    /// </summary>
    public bool ShiftedSums { get; init; } = true;

    /// <summary>
    /// Loops over all but the last element that read <c>a[i + 1]</c> too, Rosenbrock's shape: in a fused loop the
    /// generator carries <c>dx[i + 1]</c>'s part to the next iteration (ElementCarry) and <c>FGradient</c> clears
    /// only the elements the loop did not assign, after it (ClearUnwritten).
    /// </summary>
    public bool Stencils { get; init; } = true;

    /// <summary>
    /// Scalar helpers that are one expression of their scalars (<c>=&gt; e;</c> or <c>{ return e; }</c>), which the
    /// generator lowers into their callers' gates instead of calling their <c>Backward</c> (InlinableCallee).
    /// </summary>
    public bool InlinedHelpers { get; init; } = true;

    /// <summary>
    /// GMM's point loop, last before the return: <c>for (int p = 0; p &lt; n; p++) { for (int i = 0; i &lt; n; i++) w[i] = e; sum += e2(w); }</c>,
    /// each iteration overwriting a local array whole before reading it, so the generator fuses the loop
    /// (IterationLocalArrays); sometimes w is read first or written under a condition, and the loop stays unfused; sometimes
    /// a squared norm of w in a nested loop (GMM's component), whose reverse runs first to last under one zero test; sometimes
    /// GMM's triangle, <c>w[j] += e * z</c> with <c>z = Exp(w[r])</c> per row, whose reverse inner loop is versioned on z being finite.
    /// </summary>
    public bool ScratchArrays { get; init; } = true;

    /// <summary>
    /// An element-wise sum, last before the return: <c>T lanes = 0; for (int i = 0; i &lt; a.Length - k; i++) lanes += e;</c>
    /// (k = 0 or 1, or <c>-=</c>), e of <c>a[i]</c>, <c>a[i + k]</c> and constants by + − × ÷, negation, Sqrt and Abs, sometimes
    /// through a local of the iteration: what the generator also writes as <c>Vector256</c> lanes (Vectorization), when it
    /// can prove them safe (a read of <c>a[i + 1]</c> is carried as Rosenbrock's is).
    /// </summary>
    public bool VectorLoops { get; init; } = true;

    public static Grammar Ci { get; } = new();

    public static Grammar Soak { get; } = new() { Overflow = true };
}
