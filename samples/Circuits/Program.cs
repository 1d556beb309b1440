System.Console.WriteLine("circuits");
