namespace Example;

public static class Committed
{
    public static double Twice(double x) => 2 * x;
}
