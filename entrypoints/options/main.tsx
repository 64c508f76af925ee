import './options.css';
import { render } from 'preact';
import { OptionsForm } from './OptionsForm';

const root = document.getElementById('root');
if (root) render(<OptionsForm />, root);
