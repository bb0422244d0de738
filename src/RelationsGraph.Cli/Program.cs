using RelationsGraph.Cli;

return await Commands.Root().Parse(args).InvokeAsync();
