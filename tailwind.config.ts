import type { Config } from 'tailwindcss';

// Tailwind 4 reads this through `@config` in src/index.css.
export default {
  content: ['./index.html', './src/**/*.{ts,tsx}'],
  theme: {
    extend: {
      colors: {
        panel: '#1c1f24',
        surface: '#111316',
        accent: '#4f8cff',
      },
    },
  },
} satisfies Config;
