module fieldguide/playground

go 1.27
