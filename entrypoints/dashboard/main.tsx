import { render } from 'preact';
import '@/components/ui/ui.css';
import '@/components/explainer/explainer.css';
import './dashboard.css';
import { App } from './App';
import { backgroundSource } from './data';

const root = document.getElementById('app');
if (!root) throw new Error('dashboard.html has no #app element');
render(<App source={backgroundSource()} />, root);
