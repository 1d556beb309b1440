using System;
using SymbolicDiff.Samples.CurveFit;

return CurveFitApp.Run(args, Console.Out, Console.Error);
