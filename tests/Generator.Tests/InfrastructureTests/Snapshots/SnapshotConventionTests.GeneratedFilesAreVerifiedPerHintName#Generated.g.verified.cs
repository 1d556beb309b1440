// generated
internal static class Generated { }
