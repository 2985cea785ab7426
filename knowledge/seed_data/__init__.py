"""Original teaching content written for this portal: modules, lessons, quizzes, case studies, programmes."""
