using System;
using Circuits;

// The three circuits of the cs231n backpropagation notes, at the notes' inputs. Each is run twice:
// gate by gate (forward, then each gate's generated Backward in reverse order, with the upstream
// gradient as seed), and as one method through its generated Gradient. Both must agree.
Console.WriteLine("SymbolicDiff — the cs231n circuits, gate by gate");
Console.WriteLine();
SumTimes(-2, 5, -4);
Neuron(2, -1, -3, -2, -3);
MaxCircuit(3, -4, 2, -1);

static void SumTimes(double x, double y, double z)
{
    // forward
    double q = Gates.Add(x, y);
    double f = Gates.Multiply(q, z);

    // backward: df/df = 1, then multiply swaps, add distributes
    double dq = 0, dz = 0, dx = 0, dy = 0;
    Gates.MultiplyBackward(q, z, 1.0, ref dq, ref dz);
    Gates.AddBackward(x, y, dq, ref dx, ref dy);

    var table = new CircuitTable("f(x, y, z) = (x + y) · z");
    table.Wire("x", x, dx);
    table.Wire("y", y, dy);
    table.Wire("z", z, dz);
    table.Wire("q = x + y", q, dq);
    table.Wire("f = q · z", f, 1);
    double whole = WholeCircuits.SumTimesGradient(x, y, z, out double wx, out double wy, out double wz);
    table.Print(whole, [wx, wy, wz], [dx, dy, dz]);
}

static void Neuron(double w0, double x0, double w1, double x1, double w2)
{
    // forward: the 2-d neuron of the notes, one gate per node
    double a = Gates.Multiply(w0, x0);
    double b = Gates.Multiply(w1, x1);
    double c = Gates.Add(a, b);
    double d = Gates.Add(c, w2);
    double e = Gates.Scale(d, -1);
    double g = Gates.Exp(e);
    double h = Gates.Offset(g, 1);
    double f = Gates.Reciprocal(h);

    // backward, gate by gate in reverse
    double dh = 0, dg = 0, de = 0, dd = 0, dc = 0, dw2 = 0, da = 0, db = 0, dw0 = 0, dx0 = 0, dw1 = 0, dx1 = 0;
    Gates.ReciprocalBackward(h, 1.0, ref dh);
    Gates.OffsetBackward(g, 1, dh, ref dg);
    Gates.ExpBackward(e, dg, ref de);
    Gates.ScaleBackward(d, -1, de, ref dd);
    Gates.AddBackward(c, w2, dd, ref dc, ref dw2);
    Gates.AddBackward(a, b, dc, ref da, ref db);
    Gates.MultiplyBackward(w1, x1, db, ref dw1, ref dx1);
    Gates.MultiplyBackward(w0, x0, da, ref dw0, ref dx0);

    var table = new CircuitTable("f(w, x) = 1 / (1 + exp(-(w0·x0 + w1·x1 + w2)))");
    table.Wire("w0", w0, dw0);
    table.Wire("x0", x0, dx0);
    table.Wire("w1", w1, dw1);
    table.Wire("x1", x1, dx1);
    table.Wire("w2", w2, dw2);
    table.Wire("w0·x0", a, da);
    table.Wire("w1·x1", b, db);
    table.Wire("sum", c, dc);
    table.Wire("+ w2", d, dd);
    table.Wire("· -1", e, de);
    table.Wire("exp", g, dg);
    table.Wire("+ 1", h, dh);
    table.Wire("1 / ·  (output)", f, 1);
    double whole = WholeCircuits.NeuronGradient(w0, x0, w1, x1, w2, out double gw0, out double gx0, out double gw1, out double gx1, out double gw2);
    table.Print(whole, [gw0, gx0, gw1, gx1, gw2], [dw0, dx0, dw1, dx1, dw2]);
}

static void MaxCircuit(double x, double y, double z, double w)
{
    // forward
    double p = Gates.Multiply(x, y);
    double m = Gates.Max(z, w);
    double s = Gates.Add(p, m);
    double f = Gates.Scale(s, 2);

    // backward: scale, add distributes, max routes to the winner, multiply swaps
    double ds = 0, dp = 0, dm = 0, dx = 0, dy = 0, dz = 0, dw = 0;
    Gates.ScaleBackward(s, 2, 1.0, ref ds);
    Gates.AddBackward(p, m, ds, ref dp, ref dm);
    Gates.MaxBackward(z, w, dm, ref dz, ref dw);
    Gates.MultiplyBackward(x, y, dp, ref dx, ref dy);

    var table = new CircuitTable("f(x, y, z, w) = 2 · (x·y + max(z, w))");
    table.Wire("x", x, dx);
    table.Wire("y", y, dy);
    table.Wire("z", z, dz);
    table.Wire("w", w, dw);
    table.Wire("x·y", p, dp);
    table.Wire("max(z, w)", m, dm);
    table.Wire("sum", s, ds);
    table.Wire("· 2  (output)", f, 1);
    double whole = WholeCircuits.MaxCircuitGradient(x, y, z, w, out double gx, out double gy, out double gz, out double gw);
    table.Print(whole, [gx, gy, gz, gw], [dx, dy, dz, dw]);
}
