using System;
using SymbolicDiff.Samples.Spiral;

// The progress bar needs a terminal; redirected output stays plain text.
return SpiralApp.Run(args, Console.Out, Console.Error, isTerminal: !Console.IsOutputRedirected);
